from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("auteurs/<slug:slug>/", views.author_detail, name="author"),
    path("mots-cles/<slug:slug>/", views.tag_detail, name="tag"),
    path("<path:category_path>/<slug:slug>.html", views.article_detail, name="detail"),
    path("<path:category_path>/", views.category_detail, name="category"),
]
