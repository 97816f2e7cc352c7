from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("", views.structure, name="structure"),
    path("people/<int:pk>/", views.person, name="person"),
]
