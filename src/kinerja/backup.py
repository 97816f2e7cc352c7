"""Consistent backups of one installation: the database and the stored files in one .tar.gz.

SQLite is copied with its online backup API (a consistent snapshot while the server runs);
PostgreSQL with pg_dump's custom format. Files (uploads, generated documents, keys) are copied as
they are. Hand-written because no library does both databases plus the data directory.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

from kinerja.cli import output_file
from kinerja.errors import KinerjaError

FORMAT = 1
# What of the data directory travels with a backup besides the database.
DATA_ENTRIES = ("files", "keys", "secret_key")


def _engine() -> str:
    return "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update({"PGHOST": str(db.get("HOST") or "127.0.0.1"), "PGPORT": str(db.get("PORT") or 5432),
                "PGUSER": str(db.get("USER") or ""), "PGDATABASE": str(db["NAME"])})
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _run(cmd: list[str], **kwargs: object) -> None:
    if not shutil.which(cmd[0]):
        raise KinerjaError(_("%(tool)s is not installed; install the PostgreSQL client (apt-get install "
                             "postgresql-client).") % {"tool": cmd[0]})
    done = subprocess.run(cmd, capture_output=True, text=True, env=_pg_env(), **kwargs)  # type: ignore[call-overload]
    if done.returncode != 0:
        raise KinerjaError(_("%(tool)s failed: %(err)s") % {"tool": cmd[0], "err": done.stderr.strip()})


def make_backup(out: Path) -> dict[str, object]:
    """Write the backup to `out` and return its manifest."""
    data_dir = Path(settings.DATA_DIR)
    engine = _engine()
    manifest = {"format": FORMAT, "engine": engine, "created_at": dt.datetime.now(dt.UTC).isoformat()}
    with output_file(out, make_folder=True) as partial, tempfile.TemporaryDirectory() as tmp:
        if engine == "sqlite":
            db_copy = Path(tmp) / "database.sqlite3"
            connection = connections["default"]
            connection.ensure_connection()
            dest = sqlite3.connect(db_copy)
            with dest:
                connection.connection.backup(dest)
            dest.close()
        else:
            db_copy = Path(tmp) / "database.dump"
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={db_copy}"])
        with tarfile.open(partial, "w:gz") as tar:
            raw = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
            tar.add(db_copy, arcname=db_copy.name)
            for entry in DATA_ENTRIES:
                if (data_dir / entry).exists():
                    tar.add(data_dir / entry, arcname=f"data/{entry}")
    return manifest


DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
# What reading a backup cut short or damaged raises (BadGzipFile, a wrong CRC-32, is an OSError).
DAMAGED = (tarfile.TarError, EOFError, OSError, zlib.error)


def _damaged(src: Path, problem: Exception) -> KinerjaError:
    return KinerjaError(_("%(file)s is not a complete kinerja backup (cut short or damaged): %(err)s")
                        % {"file": src.name, "err": problem})


def _extract_whole(tar: tarfile.TarFile, src: Path, tmp: Path, engine: str) -> None:
    """Unpack the backup into `tmp` and read it to its end, before anything of the installation is touched. A
    file cut short (an interrupted copy) ends the gzip stream early (EOFError); a damaged byte breaks the
    deflate data (zlib.error), a tar header (TarError) or, read to the end, gzip's CRC-32 of the whole
    content (BadGzipFile, an OSError): each is "not a complete kinerja backup", and nothing is restored."""
    try:
        tar.extractall(tmp, filter="data")
        assert tar.fileobj is not None
        while tar.fileobj.read(1 << 20):  # to the end, where gzip checks the length and CRC-32 it recorded
            pass
    except DAMAGED as e:
        raise _damaged(src, e) from e
    if not (tmp / DATABASE_FILES[engine]).is_file():
        raise KinerjaError(_("%(file)s is not a complete kinerja backup: it holds no database.") % {"file": src.name})


def restore_backup(src: Path, *, force: bool = False) -> dict[str, object]:
    """Restore `src` into this installation's data directory and database."""
    if not src.is_file():
        raise KinerjaError(_("%(file)s: no such backup file.") % {"file": src})
    data_dir = Path(settings.DATA_DIR)
    engine = _engine()
    try:
        tar = tarfile.open(src, "r:gz")
    except (tarfile.TarError, OSError) as e:
        raise KinerjaError(_("%(file)s is not a kinerja backup: %(err)s") % {"file": src.name, "err": e}) from e
    with tar, tempfile.TemporaryDirectory() as tmp:
        try:
            manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
        except (KeyError, ValueError) as e:
            raise KinerjaError(_("%(file)s is not a kinerja backup: no manifest.") % {"file": src.name}) from e
        except DAMAGED as e:  # damaged before the manifest is found
            raise _damaged(src, e) from e
        if manifest.get("format") != FORMAT:
            raise KinerjaError(_("%(file)s has backup format %(fmt)s; this kinerja reads format %(want)s.")
                               % {"file": src.name, "fmt": manifest.get("format"), "want": FORMAT})
        if manifest.get("engine") != engine:
            raise KinerjaError(_("%(file)s holds a %(theirs)s database; this installation uses %(ours)s.")
                               % {"file": src.name, "theirs": manifest.get("engine"), "ours": engine})
        _extract_whole(tar, src, Path(tmp), engine)
        connections.close_all()
        if engine == "sqlite":
            target = Path(settings.DATABASES["default"]["NAME"])
            if target.exists() and target.stat().st_size and not force:
                raise KinerjaError(_("%(db)s already holds a database; restore into an empty data directory "
                                     "or pass --force to replace it.") % {"db": target})
            # Copied next to the database and moved onto it: an interrupted copy leaves the old one whole.
            partial = target.with_name(target.name + ".restoring")
            shutil.copyfile(Path(tmp) / "database.sqlite3", partial)
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            partial.replace(target)
        else:
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                  f"--dbname={settings.DATABASES['default']['NAME']}", str(Path(tmp) / "database.dump")])
        for entry in DATA_ENTRIES:
            source = Path(tmp) / "data" / entry
            if not source.exists():
                continue
            target_path = data_dir / entry
            if source.is_dir():
                shutil.copytree(source, target_path, dirs_exist_ok=True)
            else:
                shutil.copyfile(source, target_path)
    return manifest
