from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("<int:article_id>/", views.updates, name="updates"),
]
