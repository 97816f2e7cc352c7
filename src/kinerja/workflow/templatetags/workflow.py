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


@register.filter
def printed(number: int | None, labels: dict[int, str]) -> str:
    """A step's number as the SOP prints it ("3.1"), from the number an audit event holds (the order the
    engine runs the steps in): `labels` maps one to the other for the case's SOP version."""
    if number is None or number == "":
        return ""
    return labels.get(number, str(number))
