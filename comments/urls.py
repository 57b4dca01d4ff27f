from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("articles/<int:article_id>/", views.reaction_post, name="post"),
    path("<int:pk>/signaler/", views.reaction_report_view, name="report"),
]
