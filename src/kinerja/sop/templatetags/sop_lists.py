"""`{{ step.inputs|items }}`: a step's Kelengkapan or Output as the list it was written as.

The importer stores a cell written as a list one item per line (importers.values.list_text); a page shows
those as a list, and a text of one line (as every step stored before lists were kept) as it is."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from kinerja.sop.importers.values import list_items

register = template.Library()


@register.filter
def items(text: str) -> str | SafeString:
    found = list_items(text or "")
    if len(found) < 2:
        return text  # escaped by the template as any text
    return format_html('<ul class="sop-items">{}</ul>', format_html_join("", "<li>{}</li>", ((i,) for i in found)))
