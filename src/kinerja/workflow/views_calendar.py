"""The page "Kalender kerja": the working calendar every due date is counted in, for a year, so that an
administrator sees which dates to change (a revoked cuti bersama, a regional holiday) and staff see
which days count. Thin: the list of days is calendar.year_calendar."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.errors import KinerjaError
from kinerja.org.access import office_or_404
from kinerja.org.holding import today_in
from kinerja.org.models import OfficeHours, SpecialDay

from .calendar import FIRST_YEAR, LAST_YEAR, WorkCalendar, calendar_year, year_calendar


@login_required
def calendar_page(request: HttpRequest, code: str) -> HttpResponse:
    office = office_or_404(request)
    if code != office.code:
        raise Http404  # another office's calendar: not confirmed to exist
    this_year = today_in(office.time_zone).year
    error = ""
    try:
        year = calendar_year(request.GET.get("year", ""), this_year)
    except KinerjaError as e:
        error, year = str(e), this_year
    # Queries: the office's hours and special days (WorkCalendar); for its administrator also the special
    # days' ids, to link each to its admin page. The same for a year of no special day or of fifty.
    found = year_calendar(WorkCalendar.for_office(office), year)
    admin = request.user.is_staff
    entries = (dict(SpecialDay.objects.filter(office=office, date__year=year).values_list("date", "pk"))
               if admin else {})
    weekdays = dict(OfficeHours.Weekday.choices)
    return render(request, "workflow/calendar.html", {
        "calendar": found, "error": error, "admin": admin, "days": [(d, entries.get(d.date)) for d in found.days],
        "hours": [(weekdays[wd], opening) for wd, opening in found.hours],
        "time_zone": office.get_time_zone_display(),
        "previous": year - 1 if year > FIRST_YEAR else None, "next": year + 1 if year < LAST_YEAR else None,
        "this_year": this_year,
    }, status=400 if error else 200)
