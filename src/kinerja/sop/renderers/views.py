"""Downloads of an SOP version as the SOP AP sheet (PDF, HTML), the flowchart (SVG) or BPMN 2.0 XML."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from kinerja.sop.models import SopVersion

from . import bpmn, flowchart, sheet

# format → (content type, file extension, renderer)
FORMATS: dict[str, tuple[str, str, Callable[[SopVersion], str | bytes]]] = {
    "pdf": ("application/pdf", "pdf", sheet.render_pdf),
    "html": ("text/html; charset=utf-8", "html", sheet.render_html),
    "svg": ("image/svg+xml; charset=utf-8", "svg", flowchart.render_svg),
    "bpmn": ("application/xml; charset=utf-8", "bpmn", bpmn.render_bpmn),
}


def filename(version: SopVersion, extension: str) -> str:
    """SOP-800-01-SOP-2025-v2.pdf: the SOP number (or its name) made safe for every file system."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", version.number or version.name).strip("-")[:80] or "SOP"
    return f"SOP-{stem}-v{version.version}.{extension}"


def render(version: SopVersion, fmt: str) -> tuple[bytes, str, str]:
    """The file of `version` in `fmt`: (content, content type, file name)."""
    content_type, extension, renderer = FORMATS[fmt]
    content = renderer(version)
    data = content.encode("utf-8") if isinstance(content, str) else content
    return data, content_type, filename(version, extension)


@require_GET
@login_required
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    # Another office's version is a 404, as if it did not exist.
    version = get_object_or_404(SopVersion.objects.select_related("sop__office"), pk=pk,
                                sop__office=request.office)  # type: ignore[attr-defined]
    data, content_type, name = render(version, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response
