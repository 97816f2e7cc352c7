"""KinerjaTestCase: the demo office built once per class, in code, with a user per position.

Named people, as in the SOP: `self.head` (Kadis), `self.secretary`, `self.subsection_head`
(Kasubbag), `self.staff` and `self.staff2` (JFU), `self.contacts` (one per division), `self.admin`,
`self.auditor`; and `self.other_office` with its own `self.outsider` who must never see ours.
"""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from kinerja.org import demo

PASSWORD = "test-password-4821"
TODAY = dt.date(2025, 3, 24)


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
