"""Storing SOP versions: one transaction, versions by Nomor SOP or name, in force and superseded,
revoked, actors linked to the office's positions, and the comparison of two versions."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kinerja.errors import KinerjaError
from kinerja.sop import actions
from kinerja.sop.importers import SopImportError
from kinerja.sop.models import Actor, Sop, SopVersion, Step
from tests.base import KinerjaTestCase

from .documents import SEED, SEED_STEP_ACTORS, sop_text

pytestmark = pytest.mark.usefixtures("english")

STEPS = [
    ("Menyusun draft dan menyampaikan kepada Kasubbag", "1 hari", "JFU"),
    ("Memeriksa draft, apabila belum sesuai dikembalikan kepada JFU, dan menyampaikan kepada Kadis", "2 jam", None),
    ("Menandatangani", "1 hari", "Kadis"),
]


class ImportSopTestCase(KinerjaTestCase):
    def setUp(self) -> None:
        super().setUp()
        import tempfile

        self.tmp = Path(tempfile.mkdtemp())

    def write(self, text: str, name: str = "sop.txt") -> Path:
        path = self.tmp / name
        path.write_text(text, encoding="utf-8")
        return path

    def test_it_stores_the_seed_with_its_source_and_links_the_actors(self) -> None:
        version = actions.import_sop(SEED, office=self.office, user=self.subsection_head)
        self.assertEqual((version.version, version.status), (1, SopVersion.Status.IN_FORCE))
        self.assertEqual(version.source_sha256, hashlib.sha256(SEED.read_bytes()).hexdigest())
        self.assertEqual(version.source_file.read(), SEED.read_bytes())
        self.assertEqual([s.actor.name for s in version.steps.order_by("number")], SEED_STEP_ACTORS)
        links = {a.name: a.position for a in version.actors.all()}
        self.assertEqual(links, {"Sekretaris": self.positions["secretary"], "Kasubbag": self.positions["subsection_head"],
                                 "JFU": self.positions["staff"], "Kadis": self.positions["head"]})
        self.assertTrue(version.steps.get(number=3).coordinates_divisions)
        self.assertEqual(version.imported_by, self.subsection_head)
        self.assertEqual(version.header["approved_by"]["nip"], "197504271993112001")

    def test_the_json_of_a_stored_version_matches_the_draft(self) -> None:
        from kinerja.sop.importers import read_document

        version = actions.import_sop(SEED, office=self.office, user=None)
        stored = actions.version_json(version)
        expected = read_document(SEED).as_json(version.pk)
        self.assertEqual({k: stored[k] for k in expected}, expected)

    def test_a_dry_run_stores_nothing(self) -> None:
        version = actions.import_sop(SEED, office=self.office, user=None, dry_run=True)
        self.assertIsNone(version.pk)
        self.assertEqual(version.version, 1)
        self.assertFalse(Sop.objects.exists())

    def test_a_bad_document_stores_nothing(self) -> None:
        path = self.write(SEED.read_text().replace("1 Hari\tData kinerja", "sebentar saja\tData kinerja"))
        with self.assertRaises(SopImportError):
            actions.import_sop(path, office=self.office, user=None)
        self.assertFalse(Sop.objects.exists())
        self.assertFalse(SopVersion.objects.exists())

    def test_a_failure_while_storing_leaves_no_file_behind(self) -> None:
        from unittest import mock

        from django.conf import settings

        with mock.patch("kinerja.sop.actions.match_positions", side_effect=RuntimeError("disk full")):
            with self.assertRaises(RuntimeError):
                actions.import_sop(SEED, office=self.office, user=None)
        self.assertFalse(SopVersion.objects.exists())
        self.assertEqual([p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()], [])

    def test_a_document_with_the_same_number_becomes_the_next_version(self) -> None:
        first = actions.import_sop(self.write(sop_text(["JFU", "Kasubbag", "Kadis"], STEPS)), office=self.office, user=None)
        changed = [STEPS[0], (STEPS[1][0], "3 jam", None), STEPS[2], ("Mengarsipkan", "10 menit", "Kadis")]
        second = actions.import_sop(self.write(sop_text(["JFU", "Kasubbag", "Kadis"], changed, name="SOP UJI (REVISI)"),
                                               "revisi.txt"), office=self.office, user=None)
        self.assertEqual((second.sop_id, second.version), (first.sop_id, 2))
        first.refresh_from_db()
        self.assertEqual((first.status, second.status), (SopVersion.Status.SUPERSEDED, SopVersion.Status.IN_FORCE))
        self.assertEqual(Sop.objects.get().name, "SOP UJI (REVISI)")
        diff = actions.compare_versions(first, second)
        self.assertEqual([s.number for s in diff.added], [4])
        self.assertEqual([(c.number, c.time_changed, c.actor_changed, c.returns_changed) for c in diff.changed],
                         [(2, True, False, False)])
        self.assertEqual(diff.removed, [])
        self.assertEqual(Step.objects.get(version=second, number=2).returns_to.get().number, 1)

    def test_the_comparison_notices_a_new_return(self) -> None:
        first = actions.import_sop(SEED, office=self.office, user=None)
        text = SEED.read_text().replace("menandatangani data kinerja", "menandatangani data kinerja, apabila belum sesuai "
                                        "dikembalikan kepada Sekretaris")
        second = actions.import_sop(self.write(text), office=self.office, user=None)
        diff = actions.compare_versions(first, second)
        self.assertEqual([(c.number, c.returns_changed, c.new.returns_to) for c in diff.changed], [(6, True, (5,))])

    def test_without_a_number_the_name_identifies_the_sop(self) -> None:
        first = actions.import_sop(SEED, office=self.office, user=None)
        text = SEED.read_text().replace("2 menit", "5 menit")
        second = actions.import_sop(self.write(text), office=self.office, user=None)
        self.assertEqual((second.sop_id, second.version), (first.sop_id, 2))
        diff = actions.compare_versions(first, second)
        self.assertEqual([(c.number, c.old.duration_value, c.new.duration_value) for c in diff.changed], [(1, 2, 5)])

    def test_the_same_file_twice_is_refused(self) -> None:
        actions.import_sop(SEED, office=self.office, user=None)
        with self.assertRaisesMessage(KinerjaError, "already stored as version 1"):
            actions.import_sop(SEED, office=self.office, user=None)
        self.assertEqual(SopVersion.objects.count(), 1)

    def test_a_version_effective_later_stays_a_draft_until_put_in_force(self) -> None:
        first = actions.import_sop(SEED, office=self.office, user=None)
        later = self.write(SEED.read_text().replace("1 Februari 2023", "1 Januari 2999").replace("10 menit", "15 menit"))
        draft = actions.import_sop(later, office=self.office, user=None)
        self.assertEqual(draft.status, SopVersion.Status.DRAFT)
        actions.put_in_force(draft.pk, user=self.admin)
        first.refresh_from_db()
        draft.refresh_from_db()
        self.assertEqual((first.status, draft.status), (SopVersion.Status.SUPERSEDED, SopVersion.Status.IN_FORCE))
        self.assertEqual(draft.status_changed_by, self.admin)
        with self.assertRaises(KinerjaError):
            actions.put_in_force(draft.pk, user=self.admin)

    def test_a_revoked_version_is_not_in_force_and_cannot_return(self) -> None:
        version = actions.import_sop(SEED, office=self.office, user=None)
        with self.assertRaises(KinerjaError):
            actions.revoke(version.pk, user=self.admin, reason=" ")
        actions.revoke(version.pk, user=self.admin, reason="Diganti SOP baru")
        version.refresh_from_db()
        self.assertEqual((version.status, version.revoked_reason), (SopVersion.Status.REVOKED, "Diganti SOP baru"))
        with self.assertRaises(KinerjaError):
            actions.put_in_force(version.pk, user=self.admin)

    def test_an_unknown_actor_stays_unlinked_until_the_admin_links_it(self) -> None:
        path = self.write(sop_text(["JFU", "Bendahara"], [
            ("Menyusun SPJ dan menyampaikan kepada Bendahara", "1 hari", "JFU"), ("Membayar", "1 jam", None),
            ("Mengarsipkan", "10 menit", "Bendahara")]))
        version = actions.import_sop(path, office=self.office, user=None)
        actor = version.actors.get(name="Bendahara")
        self.assertIsNone(actor.position)
        actions.link_actor(actor.pk, position=self.positions["umpeg_head"], user=self.admin)
        self.assertEqual(Actor.objects.get(pk=actor.pk).position, self.positions["umpeg_head"])
        with self.assertRaises(KinerjaError):
            actions.link_actor(actor.pk, position=self.other.positions["staff"], user=self.admin)

    def test_a_revised_version_keeps_the_links_made_on_the_version_before(self) -> None:
        steps = [("Menyusun SPJ dan menyampaikan kepada Bendahara", "1 hari", "JFU"), ("Membayar", "1 jam", None),
                 ("Mengarsipkan", "10 menit", "Bendahara")]
        first = actions.import_sop(self.write(sop_text(["JFU", "Bendahara"], steps)), office=self.office, user=None)
        actions.link_actor(first.actors.get(name="Bendahara").pk, position=self.positions["umpeg_head"],
                           user=self.admin)
        revised = [(steps[0][0], "1 hari", "JFU"), ("Membayar", "1 jam", None),
                   ("Mengarsipkan bukti bayar", "15 menit", "BENDAHARA")]
        second = actions.import_sop(self.write(sop_text(["JFU", "BENDAHARA"], revised), "revisi.txt"),
                                    office=self.office, user=None)
        self.assertEqual(second.actors.get(name="BENDAHARA").position, self.positions["umpeg_head"])
        self.assertEqual(second.actors.get(name="JFU").position, self.positions["staff"])
        # Another SOP naming a Bendahara is not linked by this one's choice.
        other = actions.import_sop(self.write(sop_text(["JFU", "Bendahara"], steps, number="900/02/SOP/2025"),
                                              "lain.txt"), office=self.office, user=None)
        self.assertIsNone(other.actors.get(name="Bendahara").position)

    def test_each_office_has_its_own_sops(self) -> None:
        ours = actions.import_sop(SEED, office=self.office, user=None)
        theirs = actions.import_sop(SEED, office=self.other_office, user=None)
        self.assertNotEqual(ours.sop_id, theirs.sop_id)
        self.assertEqual(theirs.actors.get(name="Kadis").position, self.other.positions["head"])
