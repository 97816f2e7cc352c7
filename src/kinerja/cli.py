"""The `kinerja` console script: hands its arguments to the kinerja management commands
(`kinerja sop import …` runs the `sop` command), as netbox's cli.py does for Django's.

Every command except `manage` and `restore` first creates and migrates the database, so
`pip install kinerja` followed by any `kinerja` command just works.

Two helpers every command uses: output_file() for the files they write (-o, --xlsx) and parse_moment() for
the dates and times they take (--at, --start). Hand-written: argparse's FileType opens the file before the
command runs (leaving an empty file behind when it fails) and knows no ISO 8601.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator
    from pathlib import Path

SKIP_MIGRATE = {"manage", "restore", "help", "--help", "-h"}


def _kinerja_commands() -> dict[str, str]:
    from django.core.management import get_commands

    return {name: app for name, app in get_commands().items() if app.startswith("kinerja.")}


def _help(commands: dict[str, str]) -> str:
    from django.core.management import load_command_class

    lines = ["usage: kinerja COMMAND [ARGS …]", "", "Commands (kinerja COMMAND --help for each):"]
    for name in sorted(commands):
        cmd = load_command_class(commands[name], name)
        lines.append(f"  {name:<12} {(cmd.help or '').splitlines()[0] if cmd.help else ''}")
    lines.append(f"  {'manage':<12} Run any Django management command (kinerja manage help).")
    lines += ["", "Configuration comes from the environment: KINERJA_DATA_DIR, DATABASE_URL, KINERJA_DEBUG, KINERJA_DEMO,",
              "KINERJA_SECRET_KEY, KINERJA_ALLOWED_HOSTS (see README.md)."]
    return "\n".join(lines)


@contextlib.contextmanager
def output_file(path: Path, *, make_folder: bool = False) -> Iterator[Path]:
    """Where a command writes the file `path`: a file of the same name in a hidden folder next to it, moved
    onto `path` when the block ends without an error, so a failed or interrupted write leaves no partial
    file. A folder that is missing (created with `make_folder`), a folder given as the file, or a place that
    cannot be written is a KinerjaError naming the file, raised before the block runs where it can be known.
    An OSError inside the block is the write failing (a full disk) and is reported the same way; render
    the content before the block so that reading errors are not mistaken for it. A symbolic link is written
    through (the file it names is replaced the same way, the link kept); a pipe or a device (`-o /dev/stdout`)
    is written directly, as there is no file to replace."""
    from django.utils.translation import gettext as _

    from kinerja.errors import KinerjaError

    def cannot(problem: OSError) -> KinerjaError:
        return KinerjaError(_("Cannot write %(file)s: %(problem)s") % {
            "file": path, "problem": problem.strerror or problem})

    if path.is_dir():
        raise KinerjaError(_("Cannot write %(file)s: it is a folder; give the name of a file to write in it.")
                           % {"file": path})
    # A link given as the file is written through: the file it points to is replaced, the link stays.
    target = path.resolve() if path.is_symlink() else path
    if target.exists() and not target.is_file():
        # A pipe or a device (`-o /dev/stdout` under a pipe): nothing to replace, written as it comes.
        try:
            yield target
        except OSError as e:
            raise cannot(e) from e
        return
    folder = target.parent
    try:
        if make_folder:
            folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            raise KinerjaError(_("Cannot write %(file)s: there is no folder %(folder)s.")
                               % {"file": path, "folder": folder})
        work = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as e:
        raise cannot(e) from e
    try:
        part = folder / os.path.basename(work) / target.name
        yield part
        part.replace(target)
    except OSError as e:
        raise cannot(e) from e
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_output(path: Path, data: bytes) -> None:
    """Write `data` to `path` as output_file() does: whole or not at all, or one clear error."""
    with output_file(path) as part:
        part.write_bytes(data)


def parse_moment(text: str, option: str, *, offset: bool = True) -> dt.datetime:
    """The ISO 8601 date and time given to `option` (2025-03-24T08:00:00+07:00), as Django reads one. A text
    that is none, or a day that does not exist (30 February, month 13: Django's parse_datetime raises
    ValueError), is a KinerjaError naming the option; so is a missing offset when `offset` is required.
    Without it, the result is naive where the text has no offset."""
    from django.utils.dateparse import parse_datetime
    from django.utils.translation import gettext as _

    from kinerja.errors import KinerjaError

    try:
        moment = parse_datetime(text.strip())
    except ValueError:
        moment = None
    if moment is None or (offset and moment.tzinfo is None):
        message = (_("%(option)s: %(value)s is not an ISO 8601 date and time with an offset "
                     "(2025-03-24T08:00:00+07:00).") if offset else
                   _("%(option)s: %(value)s is not an ISO 8601 date and time, e.g. 2025-03-24T08:00:00+07:00."))
        raise KinerjaError(message % {"option": option, "value": repr(text)})
    return moment


def migrate_if_needed() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)


def main(argv: list[str] | None = None) -> None:
    """The console script. Output piped into a reader that stops early (`kinerja sop show 1 | head`) ends the
    command quietly, as other commands end there, instead of with a BrokenPipeError traceback."""
    try:
        _main(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python's recipe: point stdout at /dev/null so the interpreter's last flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(128 + 13)  # as a command killed by SIGPIPE


def _main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    import django
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    from kinerja.errors import KinerjaError

    django.setup()
    if any(a in {"-h", "--help", "help"} for a in argv[:2]) or "--help" in argv or "-h" in argv:
        # Help is for administrators and speaks English; messages and errors speak the office's language.
        from django.utils import translation

        translation.activate("en")
    commands = _kinerja_commands()
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(_help(commands))
        return
    name = argv[0]
    try:
        if name == "manage":
            if len(argv) > 1 and argv[1] not in {"-h", "--help", "help"}:
                migrate_if_needed()
            execute_from_command_line(["kinerja manage", *argv[1:]])
            return
        if name not in commands:
            sys.stderr.write(f"kinerja: unknown command {name!r}. Run 'kinerja --help' for the list.\n")
            sys.exit(2)
        if name not in SKIP_MIGRATE and not any(a in {"-h", "--help"} for a in argv[1:]):
            migrate_if_needed()
        execute_from_command_line(["kinerja", *argv])
    except KinerjaError as e:
        sys.stderr.write(f"kinerja {name}: {e}\n")
        sys.exit(1)
    except DatabaseError as e:
        sys.stderr.write(f"kinerja {name}: the database did not answer: {e}\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
