"""URLs of the performance dashboard and the reports, mounted under /data/."""

from django.urls import path

from . import views_reports as views

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("reports/compile/", views.compile_view, name="compile"),
    path("reports/compile/<int:pk>/", views.compilation_view, name="compilation"),
    path("reports/<int:year>.<str:fmt>", views.download, name="download"),
    path("reports/versions/<int:pk>/<str:fmt>/", views.version_file, name="version_file"),
    path("agreement/<int:year>.pdf", views.agreement_pdf, name="agreement"),
]
