"""SOP pages under /sop/ (the downloads of rendered sheets are in urls_render.py)."""

from django.urls import path

from . import views

app_name = "sop"

urlpatterns = [
    path("", views.sop_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("upload/<str:token>/", views.preview, name="preview"),
    path("<int:pk>/", views.sop_detail, name="detail"),
    path("versions/<int:pk>/", views.version_page, name="version"),
    path("versions/<int:pk>/source/", views.source, name="source"),
    path("versions/<int:pk>/compare/", views.compare, name="compare"),
    path("versions/<int:pk>/in-force/", views.put_in_force, name="put_in_force"),
    path("versions/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("actors/<int:pk>/link/", views.link_actor, name="link_actor"),
]
