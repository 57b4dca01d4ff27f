"""The public pages that the browser and HTML checks go through."""

from django.urls import reverse


def public_pages(article):
    """{name: path} of each kind of public page, built around ``article`` (rich_article)."""
    return {
        "home": "/",
        "region": article.category.parent.get_absolute_url(),
        "section": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "author": article.authors.first().get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": "mot-cle-0"}),
        "404": "/cette-page/nexiste-pas.html",
    }
