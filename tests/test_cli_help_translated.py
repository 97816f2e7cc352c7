"""Every verb of `kinerja data` and `kinerja org`, and every argument of it, has help that goes through
gettext: `kinerja data import --help` speaks English (cli.py activates it for help), and the same text is
translated into Indonesian, as `kinerja case` and `kinerja sop` are."""

from __future__ import annotations

import argparse

import pytest
from django.core.management import load_command_class
from django.test import SimpleTestCase
from django.utils import translation


def _verb_helps(app: str, group: str) -> dict[str, str]:
    """{"import": the verb's help, "import --year": that argument's help, …} in the active language."""
    command = load_command_class(app, group)
    parser = command.create_parser("kinerja", group)
    helps: dict[str, str] = {}
    verbs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for choice in verbs._choices_actions:
        helps[choice.dest] = str(choice.help)
    for name, sub in verbs.choices.items():
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            helps[f"{name} {'/'.join(action.option_strings) or action.dest}"] = str(action.help)
    return helps


@pytest.mark.parametrize(("app", "group", "verbs"), [
    ("kinerja.performance", "data", {"import", "template", "report", "agreement"}),
    ("kinerja.org", "org", {"import", "template"}),
])
def test_every_verb_and_argument_has_help_in_both_languages(app: str, group: str, verbs: set[str]) -> None:
    with translation.override("en"):
        english = _verb_helps(app, group)
    with translation.override("id"):
        indonesian = _verb_helps(app, group)
    assert verbs <= set(english)
    assert english.keys() == indonesian.keys()
    assert [key for key, text in english.items() if text in ("", "None")] == []
    assert [key for key in english if english[key] == indonesian[key]] == []


class DataImportHelpTestCase(SimpleTestCase):
    def test_it_reads_indonesian(self) -> None:
        with translation.override("id"):
            helps = _verb_helps("kinerja.performance", "data")
        self.assertEqual(helps["import --year"], "tahun target dan realisasi")
