"""The console script as a newcomer meets it: help, first use creates the database, clear errors."""

from __future__ import annotations

import os
import re
import sqlite3

import pytest

# Every test here runs the console script on a SQLite database of its own (run_kinerja drops DATABASE_URL).
pytestmark = pytest.mark.own_sqlite


def test_help_lists_the_grouped_commands(kinerja) -> None:  # type: ignore[no-untyped-def]
    done = kinerja("--help")
    assert done.returncode == 0
    for name in ("sop", "data", "case", "demo", "serve", "worker", "backup", "restore", "manage"):
        assert f"  {name} " in done.stdout


def test_output_into_a_closed_pipe_ends_without_a_traceback(kinerja) -> None:  # type: ignore[no-untyped-def]
    # `kinerja sop show 1 | head`: the reader is gone before kinerja writes.
    import os
    import subprocess

    from tests.conftest import KINERJA

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["KINERJA_DATA_DIR"] = str(kinerja.data_dir)
    for args in (["--help"], ["sop", "--help"], ["manage", "help"]):
        process = subprocess.Popen([str(KINERJA), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        errors = process.stderr.read().decode()
        assert process.wait(timeout=120) in (0, 141), errors
        assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors


def test_an_unknown_command_is_named_without_a_traceback(kinerja) -> None:  # type: ignore[no-untyped-def]
    done = kinerja("frobnicate")
    assert done.returncode == 2
    assert "unknown command 'frobnicate'" in done.stderr
    assert "Traceback" not in done.stderr


def test_first_use_creates_and_migrates_the_database(kinerja_first_use) -> None:  # type: ignore[no-untyped-def]
    kinerja = kinerja_first_use
    assert not (kinerja.data_dir / "kinerja.sqlite3").exists()
    done = kinerja("sop", "--help")
    assert done.returncode == 0
    done = kinerja("backup", "-o", str(kinerja.data_dir / "b.tar.gz"))
    assert done.returncode == 0, done.stderr
    tables = {r[0] for r in sqlite3.connect(kinerja.data_dir / "kinerja.sqlite3").execute(
        "select name from sqlite_master where type='table'")}
    assert {"org_office", "org_person", "django_migrations"} <= tables
    assert (kinerja.data_dir / "secret_key").stat().st_mode & 0o077 == 0


def test_the_demo_is_refused_in_production_settings(kinerja) -> None:  # type: ignore[no-untyped-def]
    done = kinerja("demo")
    assert done.returncode == 1
    assert "refused in production" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_demo_installation_is_not_a_debug_one(kinerja) -> None:  # type: ignore[no-untyped-def]
    """`make run` serves the demo with KINERJA_DEMO: the demo loads and plain http works, but a wrong
    address gets kinerja's own page, not Django's technical one listing every URL pattern."""
    assert "KINERJA_DEMO" in open("scripts/run.sh", encoding="utf-8").read()
    loaded = kinerja("demo", "--quiet", env={"KINERJA_DEMO": "1"})
    assert loaded.returncode == 0, loaded.stderr
    code = ("from django.conf import settings; from django.test import Client; "
            "r = Client(HTTP_HOST='127.0.0.1').get('/no-such-page/'); "
            "print(settings.DEBUG, settings.DEMO, settings.HTTPS, r.status_code, b'URLconf' in r.content)")
    shown = kinerja("manage", "shell", "-c", code, env={"KINERJA_DEMO": "1"})
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split()[-5:] == ["False", "True", "False", "404", "False"], shown.stdout


def test_the_demo_loads_once(kinerja) -> None:  # type: ignore[no-untyped-def]
    first = kinerja("demo", env={"KINERJA_DEBUG": "1"})
    assert first.returncode == 0, first.stderr
    assert "Kantor demo dimuat" in first.stdout
    assert "Subject: " not in first.stdout  # no e-mail: the console backend (no KINERJA_EMAIL_HOST) would print it
    # Each login with whom it stands for: the name and the positions held today, the Plh's acting one too.
    logins = first.stdout.split("Akun demo (kata sandi: ")[1].split("Menunggu di Beranda hari ini:")[0]
    assert re.search(r"kasubbag +Contoh Kasubbag Demo, S\.E\. · Kepala Sub Bagian", logins), logins
    assert re.search(r"sekretaris +Contoh Sekretaris Demo.* · Plh\. Kepala Dinas .* · Sekretaris Dinas", logins), logins
    assert re.search(r"admin +Administrator Demo · administrator kantor", logins), logins
    assert "contact:0" not in logins
    # What waits on Beranda: the Kasubbag's initials, the (Plh) head's signature, the Sekretaris's disposition.
    waiting = first.stdout.split("Menunggu di Beranda hari ini:")[1]
    assert re.search(r"kasubbag +memaraf Data Kinerja Triwulan", waiting), waiting
    assert re.search(r"sekretaris +menandatangani Data Kinerja Tahun", waiting), waiting
    assert re.search(r"sekretaris +mendisposisikan surat ", waiting), waiting
    second = kinerja("demo", env={"KINERJA_DEBUG": "1"})
    assert second.returncode == 0, second.stderr
    assert "Kantor demo sudah ada" in second.stdout
    assert second.stdout.split("Menunggu di Beranda hari ini:")[1] == waiting
    # No warning from rendering the demo's letters (a template comment once printed into a PDF's CSS).
    assert "Invalid or unsupported selector" not in first.stdout + first.stderr
    db = sqlite3.connect(kinerja.data_dir / "kinerja.sqlite3")
    assert db.execute("select count(*) from org_office").fetchone()[0] == 1
    # Once each: the demo's people (their logins are printed) with the administrator and the auditor.
    from kinerja.org.demo import PEOPLE

    assert db.execute("select count(*) from org_person").fetchone()[0] == len(PEOPLE) + 2 == 15


def test_manage_passes_through_to_django(kinerja) -> None:  # type: ignore[no-untyped-def]
    done = kinerja("manage", "check")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize("args", [("restore", "/nonexistent/backup.tar.gz")])
def test_errors_name_the_problem_and_exit_non_zero(kinerja, args) -> None:  # type: ignore[no-untyped-def]
    done = kinerja(*args)
    assert done.returncode == 1
    assert "/nonexistent/backup.tar.gz" in done.stderr
    assert "Traceback" not in done.stderr


def test_production_settings_pass_the_deploy_check(kinerja) -> None:  # type: ignore[no-untyped-def]
    done = kinerja("manage", "check", "--deploy", "--fail-level", "WARNING", env={
        "KINERJA_SECRET_KEY": "x7Gq2-9vLw_Kp4Zs8Nd3Rb6Tf1Yh5Jc0Mx_Ue7Wa2Qi9Oo4Lr8Pn3Sv6Dk1Gz5Bt0Hy",
        "KINERJA_ALLOWED_HOSTS": "kinerja.bandarlampungkota.go.id"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(("args", "english"), [
    (("sop", "--help"), "Import an SOP document"),
    (("sop", "import", "--help"), "the SOP document: .txt, .csv, .docx, .xlsx or .pdf"),
    (("sop", "plan", "--help"), "When the first step starts"),
    (("data", "--help"), "Import indicators, targets and actuals"),
    (("case", "--help"), "Start a case from the SOP version in force"),
])
def test_help_speaks_english(kinerja, args, english) -> None:  # type: ignore[no-untyped-def]
    done = kinerja(*args)
    assert done.returncode == 0, done.stderr
    assert english in " ".join(done.stdout.split())


def test_plan_help_says_the_chosen_sop_is_planned(kinerja, english) -> None:  # type: ignore[no-untyped-def]
    # --sheet and --sop are the import's options too, whose help said "the one to import".
    help_text = " ".join(kinerja("sop", "plan", "--help").stdout.split())
    assert "the sheet of the one to plan" in help_text
    assert "the one to plan: its Nama SOP" in help_text
    assert "import" not in help_text
    assert "the one to import: its Nama SOP" in " ".join(kinerja("sop", "import", "--help").stdout.split())


@pytest.mark.parametrize("command", ["sop", "data", "case", "audit", "demo", "serve", "worker", "remind", "backup",
                                     "restore", "verify"])
def test_help_lists_the_commands_own_options_not_djangos(kinerja, command) -> None:  # type: ignore[no-untyped-def]
    done = kinerja(command, "--help")
    assert done.returncode == 0, done.stderr
    for option in ("--settings", "--pythonpath", "--traceback", "--verbosity", "--no-color", "--force-color",
                   "--skip-checks", "--version"):
        assert option not in done.stdout, (command, option)


def test_djangos_options_still_work(kinerja) -> None:  # type: ignore[no-untyped-def]
    done = kinerja("sop", "--verbosity", "0", "--no-color", "--skip-checks", "list")
    # Parsed: the command ran, and says what this new installation lacks.
    assert "unrecognized arguments" not in done.stderr
    assert "Belum ada perangkat daerah" in done.stderr


@pytest.mark.parametrize("args", [("data", "template"), ("org", "template")], ids=" ".join)
def test_an_output_that_cannot_be_written_is_one_clear_line(kinerja, tmp_path, args) -> None:  # type: ignore[no-untyped-def]
    """As `kinerja sop render` says it: every command writing a file uses kinerja.cli.output_file (the backup:
    tests/test_backup.py)."""
    folder = tmp_path / "out.xlsx"  # a folder, named as the templates' files are
    folder.mkdir()
    for output, problem in [(folder, f"Tidak dapat menulis {folder}: itu sebuah folder"),
                            (tmp_path / "none" / "t.xlsx", f"folder {tmp_path / 'none'} tidak ada")]:
        done = kinerja(*args, "-o", str(output))
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr and problem in done.stderr, done.stderr
    assert list(folder.iterdir()) == [] and not (tmp_path / "none").exists()
    assert [p.name for p in tmp_path.iterdir() if "out" in p.name] == ["out.xlsx"]  # no out.xlsx.part


def test_an_output_file_is_written_whole_or_not_at_all(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kinerja.cli import output_file, write_output
    from kinerja.errors import KinerjaError

    target = tmp_path / "laporan.pdf"
    target.write_bytes(b"the report of yesterday")
    with pytest.raises(RuntimeError), output_file(target) as part:
        assert part.name == "laporan.pdf" and part.parent != tmp_path  # the same name, for writers that read it
        part.write_bytes(b"half a rep")
        raise RuntimeError("the renderer failed")
    assert target.read_bytes() == b"the report of yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["laporan.pdf"]
    write_output(target, b"the new report")
    assert target.read_bytes() == b"the new report"
    assert [p.name for p in tmp_path.iterdir()] == ["laporan.pdf"]
    with pytest.raises(KinerjaError, match=re.escape(f"folder {tmp_path / 'none'} tidak ada")):
        write_output(tmp_path / "none" / "x.pdf", b"x")


def test_an_output_through_a_link_or_into_a_pipe_is_written_there(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A link kept to the newest report ("terbaru.xlsx"), or `-o /dev/stdout` under a pipe: written through, not
    # replaced by a file of its own.
    import threading

    from kinerja.cli import write_output

    shared = tmp_path / "bersama"
    shared.mkdir()
    target = shared / "laporan.xlsx"
    target.write_bytes(b"old")
    link = tmp_path / "terbaru.xlsx"
    link.symlink_to(target)
    write_output(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert [p.name for p in shared.iterdir()] == ["laporan.xlsx"]

    pipe = tmp_path / "keluaran"
    os.mkfifo(pipe)
    got: dict[str, bytes] = {}

    def read() -> None:
        with open(pipe, "rb") as f:
            got["data"] = f.read()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    write_output(pipe, b"the report")
    reader.join(5)
    assert got.get("data") == b"the report"
    assert pipe.is_fifo()


@pytest.mark.parametrize("value", ["2026-02-30T08:00+07:00", "2026-13-01T08:00+07:00", "2026-03-01T25:00+07:00",
                                   "kemarin", "2026-03-01T08:00"])
def test_a_date_and_time_not_understood_names_the_option(value) -> None:  # type: ignore[no-untyped-def]
    from kinerja.cli import parse_moment
    from kinerja.errors import KinerjaError

    with pytest.raises(KinerjaError, match=re.escape(f"--at: '{value}' bukan tanggal dan jam ISO 8601 dengan zona")):
        parse_moment(value, "--at")


def test_a_date_and_time_may_lack_its_offset_where_the_option_allows() -> None:
    import datetime as dt

    from kinerja.cli import parse_moment

    assert parse_moment("2026-03-02T08:00", "--start", offset=False) == dt.datetime(2026, 3, 2, 8)
    assert parse_moment("2026-03-02 08:00+08:00", "--at").utcoffset() == dt.timedelta(hours=8)
