"""Verbs of the grouped CLI commands (`kinerja sop import`, `kinerja sop plan`, `kinerja data report`).

A command such as `sop` belongs to one app, yet later apps add verbs to it (the workflow app adds
`sop plan` and `sop compliance`) without the SOP app importing them: imports go one way. Each app
registers its verbs in its AppConfig.ready(); the command builds its sub-parsers from the registry.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.errors import KinerjaError


@dataclass(frozen=True)
class Verb:
    name: str
    help: str
    add_arguments: Callable[[CommandParser], None]
    # handle(command, **options): writes to command.stdout; raises KinerjaError or CommandError.
    handle: Callable[..., None]


REGISTRY: dict[str, dict[str, Verb]] = {}


def register(group: str, verb: Verb) -> None:
    REGISTRY.setdefault(group, {})[verb.name] = verb


class KinerjaCommand(BaseCommand):
    """The base of every `kinerja` command: its --help lists the command's own options only. Django's
    options for developers (--settings, --pythonpath, --traceback, --verbosity, --no-color, …) still
    work but are not listed, so an office's administrator reads what the command does, not how Django
    runs it."""

    suppressed_base_arguments = {"--version", "-v", "--verbosity", "--settings", "--pythonpath", "--traceback",
                                 "--no-color", "--force-color"}

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        for action in parser._actions:  # --skip-checks is added without add_base_argument: hidden here
            if "--skip-checks" in action.option_strings:
                action.help = argparse.SUPPRESS
        return parser


class GroupCommand(KinerjaCommand):
    """A management command whose first argument is a verb of `group`.

    Django's system checks are not run first, as `kinerja serve`, `kinerja worker` and `kinerja manage
    check` run them: their URL check imports every view, and with them WeasyPrint, openpyxl,
    python-docx and pyHanko, which doubled the time of a verb such as `kinerja case list` (1.6 s against
    0.7 s, measured) for checks of the web configuration that a verb does not use."""

    group = ""
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        # Django adds --skip-checks only to commands that run the checks; scripts written for it still work.
        parser.add_argument("--skip-checks", action="store_true", help=argparse.SUPPRESS)
        subparsers = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
        for verb in sorted(REGISTRY.get(self.group, {}).values(), key=lambda v: v.name):
            text = str(verb.help)  # resolved now, in the language active for this command
            sub = subparsers.add_parser(verb.name, help=text, description=text,
                                        called_from_command_line=getattr(parser, "called_from_command_line", None))
            verb.add_arguments(sub)

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        try:
            REGISTRY[self.group][verb].handle(self, **options)
        except KinerjaError as e:
            raise CommandError(str(e)) from e
