"""kinerja's SQLite backend (kinerja/db/sqlite3/base.py): sqlite3 binds None and booleans through adapters
registered for their types, and binds exactly what it bound before."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="kinerja's SQLite backend")


def test_the_backend_in_use_is_kinerjas() -> None:
    assert type(connections["default"]).__module__ == "kinerja.db.sqlite3.base"


def test_none_and_booleans_have_adapters_and_no_base_type_has_one() -> None:
    # Without an adapter for the type, sqlite3 looks up __adapt__ on PrepareProtocol for each such value
    # (a formatted AttributeError, dropped). An adapter for int, float or str would make it adapt every value.
    assert (type(None), sqlite3.PrepareProtocol) in sqlite3.adapters
    assert (bool, sqlite3.PrepareProtocol) in sqlite3.adapters
    assert not {(t, sqlite3.PrepareProtocol) for t in (int, float, str, bytes, bytearray)} & set(sqlite3.adapters)


@pytest.mark.django_db
def test_values_are_bound_as_before() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s, typeof(%s), %s, typeof(%s), %s, %s IS NULL",
                       [None, None, True, True, False, None])
        assert tuple(cursor.fetchone()) == (None, "null", 1, "integer", 0, 1)


@pytest.mark.django_db(transaction=True)
def test_begin_and_commit_go_to_sqlite3_itself_unless_queries_are_watched() -> None:
    from unittest import mock

    from django.db import transaction
    from django.test.utils import CaptureQueriesContext

    from kinerja.org.models import Office

    db = connections["default"]
    # Nobody watches: no cursor of Django's is made for the BEGIN, and the row is committed.
    with mock.patch.object(type(db), "create_cursor", side_effect=AssertionError("a cursor of Django's")):
        with transaction.atomic():
            db.connection.execute("INSERT INTO org_office (code, name, short_name, city, address, letterhead, logo, "
                                  "time_zone, is_demo) VALUES ('X', 'Dinas X', 'X', '', '', '', '', 'Asia/Jakarta', 0)")
    assert Office.objects.filter(code="X").exists()
    # Watched (assertNumQueries, DEBUG): the BEGIN and the COMMIT are logged as before.
    with CaptureQueriesContext(db) as captured, transaction.atomic():
        Office.objects.filter(code="X").update(name="Dinas Y")
    assert [q["sql"] for q in captured.captured_queries][0] == "BEGIN IMMEDIATE"
    assert [q["sql"] for q in captured.captured_queries][-1] == "COMMIT"
    # An execute_wrapper sees the BEGIN, as every statement.
    seen: list[str] = []
    with db.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)), transaction.atomic():
        Office.objects.filter(code="X").update(name="Dinas Z")
    assert seen[0] == "BEGIN IMMEDIATE"
