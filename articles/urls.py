from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("auteurs/<slug:slug>/", views.author_detail, name="author"),
    path("<path:category_path>/<slug:slug>.html", views.article_detail, name="detail"),
    path("<path:category_path>/", views.category_detail, name="category"),
]
