from unittest import mock

from django.db import OperationalError
from django.test import TestCase


class HealthzTestCase(TestCase):
    def test_it_answers_200_when_the_database_answers(self) -> None:
        r = self.client.get("/healthz")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), {"status": "ok"})

    def test_it_answers_503_when_the_database_does_not(self) -> None:
        with mock.patch("kinerja.web.views.connection.cursor", side_effect=OperationalError("down")):
            r = self.client.get("/healthz")
        self.assertEqual(r.status_code, 503)
        self.assertEqual(r.json()["status"], "error")
