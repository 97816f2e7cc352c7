"""`{% flowchart version %}`: the version's flowchart as inline SVG, the same drawing as in the PDF."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from kinerja.sop.models import SopVersion
from kinerja.sop.renderers.flowchart import render_svg

register = template.Library()


@register.simple_tag
def flowchart(version: SopVersion) -> SafeString:
    # render_svg escapes every text it draws (actor names, labels), so the markup is safe to inline.
    return mark_safe(render_svg(version))  # noqa: S308
