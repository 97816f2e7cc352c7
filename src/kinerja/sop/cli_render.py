"""`kinerja sop render ID --format pdf|html|svg|bpmn -o FILE`: the renderers from the command line.

The renderers are imported when the verb's arguments are built or it runs, not when ready() registers it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.cli import write_output
from kinerja.errors import KinerjaError
from kinerja.verbs import Verb, register

from .models import SopVersion


def add_arguments(parser: CommandParser) -> None:
    from .renderers.views import FORMATS

    parser.add_argument("id", type=int, help=_("the id of the SOP version (see `kinerja sop list`)"))
    parser.add_argument("--format", required=True, choices=sorted(FORMATS),
                        help=_("pdf or html: the SOP AP sheet; svg: the flowchart; bpmn: BPMN 2.0 XML"))
    parser.add_argument("-o", "--output", type=Path, required=True, help=_("the file to write"))


def handle(command: BaseCommand, *, id: int, format: str, output: Path, **options: Any) -> None:
    version = SopVersion.objects.select_related("sop__office").filter(pk=id).first()
    if version is None:
        raise KinerjaError(_("There is no SOP version with the id %(id)d.") % {"id": id})
    from .renderers.views import render

    data, _content_type, _name = render(version, format)
    write_output(output, data)
    command.stdout.write(_("Wrote %(file)s (%(size)d bytes).") % {"file": output, "size": len(data)})


register("sop", Verb(name="render", help=gettext_lazy("Render an SOP version as the SOP AP sheet (PDF, HTML), its flowchart "
                                           "(SVG) or BPMN 2.0 XML."), add_arguments=add_arguments, handle=handle))
