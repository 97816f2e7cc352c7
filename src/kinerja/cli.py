"""The `kinerja` console script: hands its arguments to the kinerja management commands
(`kinerja sop import …` runs the `sop` command), as netbox's cli.py does for Django's.

Every command except `manage` and `restore` first creates and migrates the database, so
`pip install kinerja` followed by any `kinerja` command just works.
"""

from __future__ import annotations

import os
import sys

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
