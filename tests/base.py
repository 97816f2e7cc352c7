"""KinerjaTestCase: the demo office built once per class, in code, with a user per position.

Named people, as in the SOP: `self.head` (Kadis), `self.secretary`, `self.subsection_head`
(Kasubbag), `self.staff` and `self.staff2` (JFU), `self.contacts` (one per division), `self.admin`,
`self.auditor`; and `self.other_office` with its own `self.outsider` who must never see ours.

The demo's Kepala Dinas is on leave from TODAY for a week, the Sekretaris his Plh. `make_kasubbag_away`
adds the Plh-Kasubbag office: the Kasubbag away while the second JFU acts for them (ON_PLH_DAY, AFTER_PLH).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from django.test import TestCase, override_settings

from kinerja.org import actions as org_actions
from kinerja.org import demo
from kinerja.org.models import Assignment

PASSWORD = "test-password-4821"
TODAY = dt.date(2025, 3, 24)
# The Kasubbag's Plh acts from Tuesday 25 to Friday 28 March 2025 (make_kasubbag_away): a day of it, and after.
ON_PLH_DAY = dt.datetime(2025, 3, 26, 10, tzinfo=ZoneInfo("Asia/Jakarta"))
AFTER_PLH = dt.datetime(2025, 3, 31, 10, tzinfo=ZoneInfo("Asia/Jakarta"))


class KinerjaTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.built = demo.build(password=PASSWORD, today=TODAY)
        cls.office = cls.built.office
        people = cls.built.people
        cls.head = people["kadis"].user
        cls.secretary = people["sekretaris"].user
        cls.subsection_head = people["kasubbag"].user
        cls.staff = people["jfu"].user
        cls.staff2 = people["jfu2"].user
        cls.contacts = [people[f"bidang{i}"].user for i in range(1, 5)]
        cls.admin = people["admin"].user
        cls.auditor = people["auditor"].user
        cls.positions = cls.built.positions
        cls.other = demo.build(password=PASSWORD, today=TODAY, code="other-office", is_demo=False)
        cls.other_office = cls.other.office
        cls.outsider = cls.other.people["sekretaris"].user

    @classmethod
    def make_kasubbag_away(cls) -> Assignment:
        """The Kasubbag away from Tuesday 25 to Friday 28 March 2025 while the second JFU (`staff2`) is their Plh,
        by decree: the acting assignment. For setUpTestData; the tests patch timezone.now to ON_PLH_DAY."""
        return org_actions.assign(cls.staff2.person, cls.positions["subsection_head"], starts_on=dt.date(2025, 3, 25),
                                  ends_on=dt.date(2025, 3, 28), kind=Assignment.Kind.PLH,
                                  decree_number="800/124/III.07/2025")


class KasubbagAway:
    """A mixin for a KinerjaTestCase (or a subclass): the Kasubbag away while the second JFU is their Plh
    (make_kasubbag_away, `cls.plh`), every test on ON_PLH_DAY (`self.now`, the patched timezone.now)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()  # type: ignore[misc]
        cls.plh = cls.make_kasubbag_away()  # type: ignore[attr-defined]

    def setUp(self) -> None:
        super().setUp()  # type: ignore[misc]
        self.now: Any = self.enterContext(  # type: ignore[attr-defined]
            mock.patch("django.utils.timezone.now", return_value=ON_PLH_DAY))


class DemoDataTestCase(TestCase):
    """A test case whose class data is built by `kinerja demo` (its setUpTestData calls it) in a data directory of
    its own, removed afterwards: the demo's documents and compiled reports are files."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.data_dir = Path(tempfile.mkdtemp(prefix="kinerja-demo-"))
        cls._override = override_settings(DEMO=True, DATA_DIR=cls.data_dir, MEDIA_ROOT=cls.data_dir / "files")
        cls._override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        cls._override.disable()
        shutil.rmtree(cls.data_dir, ignore_errors=True)
