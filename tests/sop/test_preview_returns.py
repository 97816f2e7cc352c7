"""The upload preview reads a return that names an actor ("dikembalikan kepada JFU") as the latest earlier
step of that actor. When the user picks the actor of an undecided step in between, that step may be the
one the return goes back to: the return is read again with the choice, unless the user typed a target."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.sop.models import SopVersion
from tests.base import KinerjaTestCase

from .documents import sop_text

STEPS = [("Menyusun konsep laporan", "1 hari", "JFU"),
         ("Memeriksa konsep laporan", "1 jam", "Kasubbag"),
         ("Memperbaiki konsep laporan sesuai catatan", "2 jam", None),  # undecided: the user picks JFU
         ("Memeriksa ulang konsep; apabila belum sesuai dikembalikan kepada JFU", "1 jam", "Kasubbag"),
         ("Menandatangani laporan", "1 hari", "Kadis")]


class PreviewReturnTestCase(KinerjaTestCase):
    def preview(self) -> tuple[str, dict[str, str]]:
        self.client.force_login(self.subsection_head)
        text = sop_text(["Kadis", "Kasubbag", "JFU"], STEPS)
        response = self.client.post("/sop/upload/", {"document": SimpleUploadedFile("uji.txt", text.encode())})
        url = response["Location"]
        response = self.client.get(url)
        data = {}
        for form, _problems in response.context["rows"]:
            for name in form.fields:
                value = form.initial.get(name, "")
                data[f"{form.prefix}-{name}"] = "" if value is None else str(value)
        self.assertEqual(data["step-4-returns_to"], "1")  # JFU's latest step while step 3's actor is open
        return url, data

    def test_the_return_follows_the_actor_the_user_picks(self) -> None:
        url, data = self.preview()
        self.client.post(url, {**data, "step-3-actor": "JFU", "save": ""})
        step = SopVersion.objects.get().steps.get(number=4)
        self.assertEqual([s.number for s in step.returns_to.all()], [3])

    def test_a_target_the_user_typed_is_kept(self) -> None:
        url, data = self.preview()
        self.client.post(url, {**data, "step-3-actor": "JFU", "step-4-returns_to": "2", "save": ""})
        step = SopVersion.objects.get().steps.get(number=4)
        self.assertEqual([s.number for s in step.returns_to.all()], [2])
