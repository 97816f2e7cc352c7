from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from kinerja.org.nip import normalise_nip, validate_nip


class NipTestCase(SimpleTestCase):
    def test_it_accepts_the_nip_of_the_sop_approver(self) -> None:
        validate_nip("19750427 199311 2 001")
        self.assertEqual(normalise_nip("19750427 199311 2 001"), "197504271993112001")

    def assertRejected(self, nip: str, code: str) -> None:
        with self.assertRaises(ValidationError) as e:
            validate_nip(nip)
        self.assertEqual(e.exception.code, code)
        self.assertIn(nip, e.exception.messages[0])

    def test_it_wants_18_digits(self) -> None:
        self.assertRejected("1975042719931120", "length")
        self.assertRejected("19750427199311200A", "length")

    def test_it_checks_the_birth_date(self) -> None:
        self.assertRejected("197502301993112001", "birth_date")  # 30 February

    def test_it_checks_the_appointment_month(self) -> None:
        self.assertRejected("197504271993132001", "appointment_month")

    def test_it_checks_the_appointment_year_against_the_birth_year(self) -> None:
        self.assertRejected("197504271980112001", "appointment_year")

    def test_it_checks_the_sex_digit(self) -> None:
        self.assertRejected("197504271993113001", "sex")
