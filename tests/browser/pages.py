"""The public pages that the browser and HTML checks go through."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

RICH_BODY = (
    "<p>Le col a rouvert ce matin.</p>"
    "<h2>Ce qu'il faut savoir</h2>"
    "<blockquote><p>« La route est sûre », assure le maire.</p></blockquote>"
    "<table><tbody><tr><th>Col</th><th>État</th></tr><tr><td>Lautaret</td><td>ouvert</td></tr></tbody></table>"
    "{figures}"
    "<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>"
    "<p>https://www.openstreetmap.org/#map=13/45.03500/6.40000</p>"
)


def public_pages(article):
    """{name: path} of each kind of public page, built around ``article`` (rich_article).

    Adds what every page may show: an alerte info on air, a page of the site in the
    footer, and an article whose body has photos, a gallery, a table and embeds.
    """
    from articles.models import Article
    from live.models import LivePost
    from newsroom.models import BreakingNews, SitePage
    from tests.articles.test_views import photo_with_renditions
    from tests.factories import ArticleFactory

    BreakingNews.objects.get_or_create(
        text="Les cols de l'Oisans rouvrent à la circulation",
        defaults={"article": article, "ends_at": timezone.now() + timedelta(hours=2)},
    )
    site_page, _ = SitePage.objects.get_or_create(
        slug="mentions-legales",
        defaults={"title": "Mentions légales", "body": "<p>Éditeur : la rédaction.</p>"},
    )
    figures = "".join(
        f'<figure><img src="/m.jpg" data-file="{photo_with_renditions().pk}" alt=""><figcaption>Vue {n}</figcaption></figure>'
        for n in range(2)
    )
    rich = ArticleFactory(
        title="Le col du Lautaret rouvre",
        slug="le-col-du-lautaret-rouvre",
        category=article.category,
        body=RICH_BODY.format(figures=figures),
    )
    live = ArticleFactory(
        title="Crue de l'Isère : la soirée en direct",
        slug="crue-de-l-isere-en-direct",
        category=article.category,
        live=Article.Live.RUNNING,
        created_by=article.created_by,
    )
    LivePost.objects.create(article=live, body="<p>Les quais sont fermés.</p>", pinned=True, signature="La rédaction")
    LivePost.objects.create(
        article=live, body="<p>https://www.openstreetmap.org/#map=15/45.19600/5.72800</p>", signature="La rédaction"
    )
    return {
        "home": "/",
        "region": article.category.parent.get_absolute_url(),
        "section": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "article-rich": rich.get_absolute_url(),
        "live": live.get_absolute_url(),
        "author": article.authors.first().get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": "mot-cle-0"}),
        "site-page": site_page.get_absolute_url(),
        "404": "/cette-page/nexiste-pas.html",
    }
