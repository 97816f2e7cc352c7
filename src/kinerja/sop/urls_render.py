"""Downloads of a rendered SOP version: /sop/versions/<id>/download/<pdf|html|svg|bpmn>/."""

from django.urls import path

from .renderers import views

app_name = "sop_render"

urlpatterns = [
    path("versions/<int:pk>/download/<str:fmt>/", views.download, name="download"),
]
