"""Template filters of the case pages."""

from __future__ import annotations

import datetime as dt

from django import template

from kinerja.workflow.inbox import describe

register = template.Library()


@register.filter
def working_time(seconds: int | None, day_length: dt.timedelta) -> str:
    """Working seconds in words (2 hari kerja 3 jam), with the office's length of a working day."""
    if seconds is None:
        return ""
    return describe(dt.timedelta(seconds=seconds), day_length)
