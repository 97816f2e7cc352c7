"""The demo office gets the customer's SOP, its actors linked to the demo positions, once."""

from __future__ import annotations

from kinerja.sop import demo
from kinerja.sop.models import SopVersion
from tests.base import KinerjaTestCase


class DemoTestCase(KinerjaTestCase):
    def test_it_imports_the_seed_once_and_links_its_actors(self) -> None:
        first = demo.load(self.office)
        self.assertEqual(len(first), 1)
        self.assertEqual(demo.load(self.office), [])
        version = SopVersion.objects.get(sop__office=self.office)
        self.assertEqual(version.status, SopVersion.Status.IN_FORCE)
        links = {a.name: a.position for a in version.actors.all()}
        self.assertEqual(links, {"Sekretaris": self.positions["secretary"], "Kasubbag": self.positions["subsection_head"],
                                 "JFU": self.positions["staff"], "Kadis": self.positions["head"]})
