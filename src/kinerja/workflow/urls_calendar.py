"""The office's working calendar (mounted at the root with the rest of the workflow app)."""

from django.urls import path

from . import views_calendar

app_name = "calendar"

urlpatterns = [
    path("calendar/<slug:code>/", views_calendar.calendar_page, name="year"),
]
