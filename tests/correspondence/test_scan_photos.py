"""A letter registered from photos of its pages (a telephone's JPG, a PNG, a scanner's TIFF of several
pages): one PDF of A4 pages in the order chosen, the camera's rotation applied; what cannot be read is
refused naming the file, and nothing is kept of a refused registration."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

import pdfplumber
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from kinerja.correspondence import actions
from kinerja.correspondence.actions import BadValue
from kinerja.correspondence.models import Counter, Letter

from .helpers import CorrespondenceTestCase, another_scan, pdf_upload

A4 = (595.28, 841.89)


def photo(name: str, size: tuple[int, int] = (300, 400), *, fmt: str = "JPEG", mode: str = "RGB",
          colour: object = (200, 30, 30), orientation: int | None = None, frames: int = 1) -> SimpleUploadedFile:
    """An image file as a camera or scanner writes it; `orientation`: the EXIF tag a telephone sets when it
    was held sideways."""
    images = [Image.new(mode, size, colour) for _n in range(frames)]
    buffer = io.BytesIO()
    extra: dict[str, object] = {}
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        extra["exif"] = exif.tobytes()
    if frames > 1:
        extra.update(save_all=True, append_images=images[1:])
    images[0].save(buffer, format=fmt, **extra)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def pages_of(letter: Letter) -> list[tuple[float, float]]:
    letter.scan.open("rb")
    try:
        data = letter.scan.read()
    finally:
        letter.scan.close()
    assert data.startswith(b"%PDF-")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(round(float(p.width), 2), round(float(p.height), 2)) for p in pdf.pages]


class PhotosOfPagesTestCase(CorrespondenceTestCase):
    def register_files(self, files: list[SimpleUploadedFile]) -> Letter:
        data = actions.LetterInput(number="800/31/III.07/2025", letter_date=dt.date(2025, 3, 20),
                                   sender="Kepala Dinas Koperasi dan UKM", subject="Penyusunan Data Kinerja",
                                   received_on=dt.date(2025, 3, 21))
        return actions.register_letter(self.office, data, user=self.secretary, scan=files)

    def test_photos_become_one_pdf_of_a4_pages_in_the_order_chosen(self) -> None:
        letter = self.register_files([photo("hal-1.jpg", colour=(255, 0, 0)), photo("hal-2.jpg", colour=(0, 0, 255))])
        self.assertEqual(pages_of(letter), [A4, A4])
        self.assertTrue(letter.scan.name.endswith(".pdf"))
        with pdfplumber.open(letter.scan.path) as pdf:
            first = pdf.pages[0].images[0]
            second = pdf.pages[1].images[0]
        # The JPEGs are embedded as they are (no second compression), page 1 the first chosen.
        self.assertEqual(first["stream"].get_filters()[0][0].name, "DCTDecode")
        self.assertEqual(first["stream"].get_data()[:2], b"\xff\xd8")
        self.assertNotEqual(first["stream"].get_data(), second["stream"].get_data())
        red = Image.open(io.BytesIO(first["stream"].get_data())).getpixel((10, 10))
        self.assertGreater(red[0], 200)

    def test_a_photo_taken_sideways_is_turned_as_the_camera_recorded(self) -> None:
        # A landscape sensor image the telephone marked "rotate 90°": the letter is upright, an A4 page.
        upright = self.register_files([photo("miring.jpg", (400, 300), orientation=6)])
        self.assertEqual(pages_of(upright), [A4])
        # A landscape photo without that mark (a table printed across): a landscape A4 page.
        wide = self.register_files([photo("lebar.jpg", (400, 300), colour=(1, 2, 3))])
        self.assertEqual(pages_of(wide), [(A4[1], A4[0])])

    def test_a_transparent_png_and_a_scanners_tiff_of_two_pages(self) -> None:
        letter = self.register_files([photo("logo.png", fmt="PNG", mode="RGBA", colour=(0, 0, 0, 0)),
                                      photo("scan.tif", fmt="TIFF", mode="L", colour=128, frames=2)])
        self.assertEqual(pages_of(letter), [A4, A4, A4])

    def test_one_pdf_is_kept_as_it_is(self) -> None:
        scan = another_scan()
        letter = self.register_files([pdf_upload("surat.pdf", scan)])
        letter.scan.open("rb")
        self.addCleanup(letter.scan.close)
        self.assertEqual(letter.scan.read(), scan)

    def assertRefused(self, files: list[SimpleUploadedFile], *parts: str) -> None:
        counters = list(Counter.objects.values_list("last", flat=True))
        with self.assertRaises(BadValue) as raised:
            self.register_files(files)
        self.assertEqual(raised.exception.field, "scan")
        for part in parts:
            self.assertIn(part, str(raised.exception))
        self.assertFalse(Letter.objects.exists())
        self.assertEqual(list(Counter.objects.values_list("last", flat=True)), counters)

    def test_what_cannot_be_read_is_refused_naming_the_file(self) -> None:
        self.assertRefused([photo("hal-1.jpg"), photo("animasi.gif", fmt="GIF", mode="P", colour=1)],
                           "animasi.gif is a GIF image, which kinerja does not read; save it as JPG or PNG")
        heic = SimpleUploadedFile("IMG_0001.HEIC", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
        self.assertRefused([heic], "IMG_0001.HEIC is a HEIC image")
        self.assertRefused([SimpleUploadedFile("catatan.txt", b"bukan gambar")],
                           "catatan.txt is neither a PDF nor a JPG, PNG or TIFF image.")
        broken = photo("rusak.jpg")
        broken = SimpleUploadedFile("rusak.jpg", broken.read()[:200])
        self.assertRefused([broken], "rusak.jpg")
        self.assertRefused([SimpleUploadedFile("kosong.jpg", b"")], "kosong.jpg is empty (0 bytes)")

    def test_a_pdf_is_not_mixed_with_photos(self) -> None:
        self.assertRefused([photo("hal-1.jpg"), pdf_upload("surat.pdf", another_scan())],
                           "surat.pdf is a PDF; choose either one PDF of the whole letter or photos of its pages")

    @override_settings(KINERJA_MAX_UPLOAD_BYTES=4000, KINERJA_MAX_REQUEST_BYTES=6000)
    def test_each_photo_and_all_of_them_together_have_a_limit(self) -> None:
        noisy = Image.effect_noise((120, 120), 90).convert("RGB")
        buffer = io.BytesIO()
        noisy.save(buffer, format="JPEG", quality=95)
        big = buffer.getvalue()
        self.assertGreater(len(big), 4000)
        self.assertRefused([SimpleUploadedFile("besar.jpg", big)], "besar.jpg is", "the limit is 0 MB")
        small = photo("kecil.jpg", (40, 40)).read()
        self.assertLess(len(small), 4000)
        self.assertRefused([SimpleUploadedFile(f"hal-{n}.jpg", small + bytes(1000 + n)) for n in range(1, 8)],
                           "the files chosen are", "together")

    def test_the_same_photos_chosen_again_a_second_later_are_the_same_letter(self) -> None:
        # The PDF made of them carried the time it was made: chosen again a second later, the same photos made
        # another PDF, and the register took the letter twice.
        import img2pdf

        real = img2pdf.datetime

        class ASecondLater(real):  # type: ignore[misc,valid-type]
            @classmethod
            def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
                return real.now(tz) + dt.timedelta(seconds=1)

        first = self.register_files([photo("hal-1.jpg"), photo("hal-2.jpg", colour=(0, 0, 255))])
        with mock.patch.object(img2pdf, "datetime", ASecondLater), self.assertRaises(BadValue) as raised:
            self.register_files([photo("hal-1.jpg"), photo("hal-2.jpg", colour=(0, 0, 255))])
        self.assertIn(f"is already registered as {first.agenda_number}", str(raised.exception))

    def test_the_same_photos_twice_are_the_same_letter(self) -> None:
        first = self.register_files([photo("hal-1.jpg"), photo("hal-2.jpg", colour=(0, 0, 255))])
        with self.assertRaises(BadValue) as raised:
            self.register_files([photo("hal-1.jpg"), photo("hal-2.jpg", colour=(0, 0, 255))])
        self.assertIn(f"hal-1.jpg, hal-2.jpg is already registered as {first.agenda_number}", str(raised.exception))


class LetterFormWithPhotosTestCase(CorrespondenceTestCase):
    def post(self, files: list[SimpleUploadedFile]):  # type: ignore[no-untyped-def]
        self.client.force_login(self.secretary)
        return self.client.post("/letters/new/", {
            "kind": "general", "number": "005/2/2025", "letter_date": "2025-03-20", "sender": "Kepala Dinas",
            "subject": "Undangan rapat", "received_on": "2025-03-21", "period": "", "scan": files})

    def test_the_form_takes_several_photos_at_once(self) -> None:
        response = self.post([photo("hal-1.jpg"), photo("hal-2.png", fmt="PNG")])
        letter = Letter.objects.get()
        self.assertRedirects(response, f"/letters/{letter.pk}/", fetch_redirect_response=False)
        self.assertEqual(pages_of(letter), [A4, A4])
        page = self.client.get("/letters/new/")
        self.assertContains(page, 'multiple')
        self.assertContains(page, 'accept="application/pdf,image/jpeg,image/png,image/tiff"')
        self.assertContains(page, "foto halamannya")

    def test_a_refused_photo_is_named_next_to_the_field_and_the_typed_fields_stay(self) -> None:
        response = self.post([photo("hal-1.jpg"), photo("animasi.gif", fmt="GIF", mode="P", colour=1)])
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors["scan"]
        self.assertIn("animasi.gif adalah gambar GIF", errors[0])
        self.assertIn("hal-1.jpg, animasi.gif", errors[1])
        self.assertContains(response, 'value="Undangan rapat"')
        self.assertFalse(Letter.objects.exists())
