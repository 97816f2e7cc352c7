"""URLs of the correspondence app, mounted at the root. /v/<token>/ and /verify/ need no login."""

from django.urls import path

from . import views

app_name = "correspondence"

urlpatterns = [
    path("letters/", views.letters, name="letters"),
    path("letters/new/", views.letter_new, name="letter_new"),
    path("letters/<int:letter_id>/", views.letter_detail, name="letter"),
    path("letters/<int:letter_id>/scan.pdf", views.letter_scan, name="letter_scan"),
    path("letters/<int:letter_id>/dispose/", views.dispose, name="dispose"),
    path("letters/<int:letter_id>/disposition.pdf", views.disposition_sheet, name="disposition_sheet"),
    path("documents/", views.documents, name="documents"),
    path("documents/new/", views.document_new, name="document_new"),
    path("documents/from-report/<int:report_id>/", views.take_report, name="take_report"),
    path("documents/<int:document_id>/", views.document_detail, name="document"),
    path("documents/<int:document_id>/revise/", views.revise, name="revise"),
    path("documents/<int:document_id>/upload/", views.upload_version, name="upload_version"),
    path("documents/<int:document_id>/signed.pdf", views.signed_pdf, name="signed_pdf"),
    path("documents/versions/<int:version_id>.pdf", views.version_pdf, name="version_pdf"),
    path("documents/versions/<int:version_id>/initial/", views.initial, name="initial"),
    path("documents/versions/<int:version_id>/sign/", views.sign, name="sign"),
    path("minutes/", views.minutes_list, name="minutes_list"),
    path("minutes/new/", views.minutes_new, name="minutes_new"),
    path("minutes/<int:minutes_id>/", views.minutes_detail, name="minutes"),
    path("follow-ups/", views.my_follow_ups, name="follow_ups"),
    path("follow-ups/<int:follow_up_id>/done/", views.follow_up_done, name="follow_up_done"),
    path("verify/", views.verify_page, name="verify"),
    path("v/<str:token>/", views.verify_page, name="verify_token"),
]
