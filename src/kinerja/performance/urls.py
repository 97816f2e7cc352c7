"""URLs of the performance data pages, under /data/ (the reports and dashboard are in urls_reports.py)."""

from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("indicators/new/", views.indicator_edit, name="indicator_new"),
    path("indicators/<int:indicator_id>/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:indicator_id>/targets/", views.indicator_targets, name="targets"),
    path("indicators/<int:indicator_id>/activities/", views.activity_add, name="activity_add"),
    path("activities/<int:item_id>/", views.activity_edit, name="activity_edit"),
    path("activities/<int:item_id>/remove/", views.activity_remove, name="activity_remove"),
    path("activities/<int:item_id>/move/", views.activity_move, name="activity_move"),
    path("removed-activities/<int:removed_id>/restore/", views.activity_restore, name="activity_restore"),
    path("objectives/new/", views.objective_new, name="objective_new"),
    path("objectives/<int:objective_id>/", views.objective_edit, name="objective_edit"),
    path("import/", views.import_page, name="import"),
    path("template.xlsx", views.template_download, name="template"),
    path("input/", views.actual_input, name="input"),
    path("input/<int:indicator_id>/", views.actual_save, name="input_save"),
    path("input/<int:indicator_id>/correction/", views.actual_add_missing, name="add_missing"),
    path("check/", views.check_list, name="check"),
    path("actuals/<int:actual_id>/check/", views.actual_check, name="actual_check"),
    path("actuals/<int:actual_id>/return/", views.actual_return, name="actual_return"),
    path("actuals/<int:actual_id>/history/", views.actual_history, name="history"),
    path("actuals/<int:actual_id>/correct/", views.actual_correct, name="actual_correct"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("evidence/<int:evidence_id>/remove/", views.evidence_remove, name="evidence_remove"),
]
