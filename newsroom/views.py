from django.shortcuts import render

from articles.models import Article


def home(request):
    articles = Article.objects.published().for_lists()[:20]
    return render(request, "home.html", {"articles": articles})
