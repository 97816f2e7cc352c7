"""The engine's pages, mounted at the root: /inbox/, /cases/, /tasks/, /requests/, /task-files/, /notifications/."""

from django.urls import path

from . import views

app_name = "workflow"

urlpatterns = [
    path("inbox/", views.inbox_page, name="inbox"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_start, name="case_start"),
    path("cases/<int:pk>/", views.case_page, name="case"),
    path("cases/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("tasks/<int:pk>/", views.task_page, name="task"),
    path("tasks/<int:pk>/complete/", views.complete, name="complete"),
    path("tasks/<int:pk>/requests/", views.send_requests, name="send_requests"),
    path("tasks/<int:pk>/complete-missing/", views.complete_missing, name="complete_missing"),
    path("tasks/<int:pk>/reassign/", views.reassign, name="reassign"),
    path("requests/<int:pk>/answer/", views.answer, name="answer"),
    path("requests/<int:pk>/answer/kept/<str:token>/remove/", views.answer_remove_kept, name="answer_remove_kept"),
    path("task-files/<int:pk>/", views.task_file, name="task_file"),
    path("notifications/count/", views.notifications, name="notifications"),
    path("notifications/", views.notification_list, name="notification_list"),
]
