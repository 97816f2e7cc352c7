from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("", views.structure, name="structure"),
    path("people/<int:pk>/", views.person, name="person"),
    path("import/", views.import_page, name="import"),
    path("import/template/", views.template_download, name="template"),
]
