"""Refuses a request body larger than any form of kinerja accepts before a byte of it is read, so an
oversize upload (a 300 MB video chosen by mistake, or a hostile client) fills neither the disk nor a
worker's time. The page says which limit applies and what to do.

Without it, CsrfViewMiddleware reads request.POST, and with it the whole multipart body, before any
view runs: Django writes every file above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file, so a 300 MB
upload was received and stored in /tmp before the view's own size check (10 MB per file) refused it.
Django has no setting for this: DATA_UPLOAD_MAX_MEMORY_SIZE counts the request's fields but not its
files ("excluding any file upload data", Django's settings reference), and gunicorn has no limit on
the body size (only on the request line and headers). A proxy in front (nginx `client_max_body_size`,
README, "Configuration") refuses earlier still, but kinerja also runs without one, so it is written
here, in a few lines that compare the announced Content-Length with one setting.

A body without Content-Length (chunked) needs no limit here: Django's WSGI request reads
CONTENT_LENGTH bytes of a body, 0 when it is missing, so such a body is never read at all.

The per-file limit (KINERJA_MAX_UPLOAD_BYTES) stays with the forms and actions: a file between that
limit and this one gets the form's own message next to its field, the typed fields kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme

# An htmx target is an element id; anything else falls back to the page's main area.
_ELEMENT_ID = re.compile(r"[A-Za-z][\w-]{0,99}")


class UploadLimitMiddleware:
    """Placed after OfficeMiddleware, so the answer is in the person's language and in the office's
    frame. That is still before the body is read: CsrfViewMiddleware reads request.POST in
    process_view, which Django calls only after the __call__ of every middleware has run, and no
    middleware before this one reads the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:  # Django then reads no body at all
            length = 0
        if length > settings.KINERJA_MAX_REQUEST_BYTES:
            return too_large(request, length)
        return self.get_response(request)


def too_large(request: HttpRequest, length: int) -> HttpResponse:
    mb = 1024 * 1024
    context = {"size": length / mb, "limit": settings.KINERJA_MAX_REQUEST_BYTES / mb,
               "file_limit": settings.KINERJA_MAX_UPLOAD_BYTES / mb, "back": _form_url(request)}
    if request.headers.get("HX-Request") == "true":
        # htmx swaps only 2xx answers (as in the input cards of performance): the message goes above
        # the form that sent the file, whose own answer would have replaced that element.
        target = request.headers.get("HX-Target", "")
        response = HttpResponse(render_to_string("web/partials/too_large.html", context, request))
        response["HX-Retarget"] = f"#{target}" if _ELEMENT_ID.fullmatch(target) else "#main"
        response["HX-Reswap"] = "afterbegin"
    else:
        response = HttpResponse(render_to_string("web/too_large.html", context, request), status=413)
    return response


def _form_url(request: HttpRequest) -> str:
    """The page of the form, to go back to (a browser usually keeps the typed fields)."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return referer
    return ""
