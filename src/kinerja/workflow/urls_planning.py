"""Planning and compliance pages (mounted at the root with the rest of the workflow app)."""

from django.urls import path

from . import views_planning

app_name = "planning"

urlpatterns = [
    path("sop-versions/<int:pk>/plan/", views_planning.plan_page, name="plan"),
    path("sop-versions/<int:pk>/compliance/", views_planning.compliance_page, name="compliance"),
    path("sop-versions/<int:pk>/compliance.xlsx", views_planning.compliance_xlsx, name="compliance_xlsx"),
]
