"""A backup restored into an empty data directory gives back every record and file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import uuid

import pytest
from django.conf import settings


def test_restore_into_an_empty_data_directory_gives_back_records_and_files(kinerja, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert kinerja("demo", env={"KINERJA_DEBUG": "1"}).returncode == 0
    upload = kinerja.data_dir / "files" / "sop-sources" / "2025" / "sop.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text("SOP Pengumpulan Data Kinerja")
    backup = tmp_path / "backup.tar.gz"
    done = kinerja("backup", "-o", str(backup))
    assert done.returncode == 0, done.stderr

    fresh = tmp_path / "fresh"
    restored = kinerja("restore", str(backup), env={"KINERJA_DATA_DIR": str(fresh)})
    assert restored.returncode == 0, restored.stderr
    assert (fresh / "files" / "sop-sources" / "2025" / "sop.txt").read_text() == "SOP Pengumpulan Data Kinerja"
    assert (fresh / "secret_key").read_text() == (kinerja.data_dir / "secret_key").read_text()
    old, new = (sqlite3.connect(d / "kinerja.sqlite3") for d in (kinerja.data_dir, fresh))
    for table in ("org_office", "org_unit", "org_position", "org_person", "org_assignment", "auth_user"):
        query = f"select * from {table} order by id"
        assert new.execute(query).fetchall() == old.execute(query).fetchall(), table


def test_restore_refuses_to_overwrite_a_database(kinerja, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert kinerja("demo", env={"KINERJA_DEBUG": "1"}).returncode == 0
    backup = tmp_path / "backup.tar.gz"
    assert kinerja("backup", "-o", str(backup)).returncode == 0
    done = kinerja("restore", str(backup))
    assert done.returncode == 1
    assert "sudah berisi basis data" in done.stderr  # errors speak the installation's language


def test_restore_names_a_file_that_is_not_a_backup(kinerja, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_text("not a backup")
    done = kinerja("restore", str(bogus))
    assert done.returncode == 1
    assert "notes.tar.gz bukan cadangan kinerja" in done.stderr


@pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"],
                    reason="the PostgreSQL path runs in the PostgreSQL pass of make test")
def test_postgresql_backup_restores_into_an_empty_database(kinerja, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = settings.DATABASES["default"]
    base = f"postgres://{db['USER']}{':' + db['PASSWORD'] if db.get('PASSWORD') else ''}@{db['HOST']}:{db['PORT']}"
    names = [f"kinerja_bk_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    env = {**os.environ, "PGHOST": str(db["HOST"]), "PGPORT": str(db["PORT"]), "PGUSER": str(db["USER"]),
           "PGDATABASE": "postgres", **({"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {})}
    for name in names:
        subprocess.run(["createdb", name], check=True, env=env)
    try:
        source = {"DATABASE_URL": f"{base}/{names[0]}", "KINERJA_DEBUG": "1"}
        assert kinerja("demo", env=source).returncode == 0
        backup = tmp_path / "pg.tar.gz"
        done = kinerja("backup", "-o", str(backup), env=source)
        assert done.returncode == 0, done.stderr
        target = {"DATABASE_URL": f"{base}/{names[1]}", "KINERJA_DATA_DIR": str(tmp_path / "fresh")}
        done = kinerja("restore", str(backup), env=target)
        assert done.returncode == 0, done.stderr

        def rows(name: str) -> list[str]:
            out = subprocess.run(["psql", "-At", "-d", name, "-c",
                                  "select full_name, nip from org_person order by id"],
                                 capture_output=True, text=True, env=env, check=True)
            return out.stdout.splitlines()

        assert rows(names[1]) == rows(names[0])
        from kinerja.org.demo import PEOPLE

        assert len(rows(names[1])) == len(PEOPLE) + 2  # the demo's people, its administrator and its auditor
    finally:
        for name in names:
            subprocess.run(["dropdb", "--if-exists", "--force", name], env=env)


@pytest.mark.parametrize("damage", ["cut short", "one byte changed"])
def test_a_damaged_backup_restores_nothing(kinerja, tmp_path, damage) -> None:  # type: ignore[no-untyped-def]
    """An interrupted copy passes the gzip and manifest checks and broke tar.extractall with an EOFError; a
    changed byte is found by gzip's CRC-32 once the backup is read to its end. Either is said in one line,
    before the database or the files of the installation are touched."""
    upload = kinerja.data_dir / "files" / "sop-sources" / "2025" / "sop.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text("SOP Pengumpulan Data Kinerja")
    backup = tmp_path / "backup.tar.gz"
    assert kinerja("backup", "-o", str(backup)).returncode == 0
    data = bytearray(backup.read_bytes())
    if damage == "cut short":
        data = data[:len(data) * 2 // 3]
    else:
        data[len(data) // 2] ^= 0x10
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(bytes(data))

    fresh = tmp_path / "fresh"
    done = kinerja("restore", str(damaged), env={"KINERJA_DATA_DIR": str(fresh)})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "damaged.tar.gz bukan cadangan kinerja yang utuh (terpotong atau rusak)" in done.stderr, done.stderr
    assert not (fresh / "files").exists()
    assert not (fresh / "kinerja.sqlite3").exists() or not (fresh / "kinerja.sqlite3").stat().st_size

    database = (kinerja.data_dir / "kinerja.sqlite3").read_bytes()
    done = kinerja("restore", str(damaged), "--force")
    assert done.returncode == 1 and "bukan cadangan kinerja yang utuh" in done.stderr, done.stderr
    assert (kinerja.data_dir / "kinerja.sqlite3").read_bytes() == database


def test_a_backup_is_written_whole_or_not_at_all(kinerja, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Into a folder it makes; a folder given as the file is one clear line, and leaves no .part file."""
    done = kinerja("backup", "-o", str(tmp_path / "new" / "backup.tar.gz"))
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["backup.tar.gz"]
    done = kinerja("backup", "-o", str(tmp_path / "new"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"Tidak dapat menulis {tmp_path / 'new'}: itu sebuah folder" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "new"]
