"""The demo's front page, alerte info, site pages and one article with every kind of rich
body part. Loaded by ``demo_content``.

Idempotent like the rest of the demo: each object is found by its natural key (a slug,
the alert's text, the home's une) and left as it is when it exists.
"""

from datetime import timedelta

import reversion
from django.db import transaction

from articles.models import Article, ArticleAuthor, Author, Category, Photo
from articles.search import articles_refresh_search_vector
from newsroom.models import BreakingNews, FrontPage, FrontSlot, SitePage

from .live import live_ensure

SITE_PAGES = [
    (
        "mentions-legales",
        "Mentions légales",
        "<p>Le Courrier des Alpes est un site de démonstration : ni ses articles, ni ses "
        "signatures, ni ses annonces ne sont réels.</p>"
        "<h2>Éditeur</h2><p>Le Courrier des Alpes, rédaction de démonstration, 12 place de la "
        "Halle, 38000 Grenoble. Directrice de la publication : la rédactrice en chef.</p>"
        "<h2>Hébergement</h2><p>Le nom et l'adresse de l'hébergeur figurent ici sur un site réel, "
        "comme l'exige la loi pour la confiance dans l'économie numérique.</p>",
    ),
    (
        "contact",
        "Contact",
        "<p>Une information, une erreur à signaler, un rendez-vous à annoncer ? Écrivez à la "
        'rédaction : <a href="mailto:redaction@example.org">redaction@example.org</a>.</p>'
        "<p>Chaque message est lu ; une correction validée est signalée sous l'article, datée.</p>",
    ),
    (
        "politique-de-confidentialite",
        "Politique de confidentialité",
        "<p>Le site compte les lectures sans conserver d'adresse IP : un lecteur est reconnu "
        "par un cookie de première partie ou par une empreinte salée, oubliée après trente minutes.</p>"
        "<p>Les vidéos, cartes et publications de réseaux sociaux ne se chargent qu'après votre "
        "clic : aucun service tiers n'est contacté avant.</p>"
        "<p>L'adresse e-mail laissée avec une réaction n'est jamais publiée et est effacée au bout d'un an.</p>",
    ),
]

ALERT_TEXT = "Vigilance orange neige sur l'Isère et la Savoie jusqu'à demain matin"

RICH_SLUG = "en-images-le-col-du-lautaret-rouvre-apres-six-semaines"
RICH_BODY = """<p>Les chasse-neige ont dégagé la dernière congère à l'aube : le col du Lautaret
est de nouveau ouvert à la circulation, avec des chaînes obligatoires au-dessus de 1 800 mètres.</p>
<figure><img src="" data-file="{first}" alt=""><figcaption>Le dernier virage avant le col,
déneigé dans la nuit</figcaption></figure>
<h2>Six semaines de fermeture</h2>
<p>L'avalanche du 14 octobre avait emporté un tronçon de la route. Les équipes du Département
ont travaillé sans relâche pour consolider le talus (<a href="https://example.org/routes">l'état
des routes en direct</a>).</p>
<blockquote><p>« Nous avons rouvert dès que la paroi a été purgée, pas un jour de plus »,
explique la responsable des routes.</p></blockquote>
<h2>En images</h2>
{gallery}
<h2>Les horaires de passage</h2>
<table><tbody><tr><th>Jour</th><th>Ouverture</th><th>Conditions</th></tr>
<tr><td>Lundi au vendredi</td><td>7 h – 19 h</td><td>Chaînes obligatoires</td></tr>
<tr><td>Week-end</td><td>8 h – 18 h</td><td>Convois encadrés</td></tr></tbody></table>
<h2>Les vidéos et les cartes</h2>
<p>https://www.youtube.com/watch?v=Lautaret2026</p>
<p>https://www.dailymotion.com/video/x9lautar</p>
<p>https://vimeo.com/987654321</p>
<p>https://www.openstreetmap.org/#map=13/45.03500/6.40000</p>
<h2>Sur les réseaux</h2>
<p>https://x.com/RoutesIsere/status/1865000000000000000</p>
<p>https://www.instagram.com/p/DemoLautaret1/</p>
<p>https://www.facebook.com/RoutesDeLIsere/posts/pfbid0demoLautaret</p>"""


def site_pages_ensure():
    for position, (slug, title, body) in enumerate(SITE_PAGES):
        SitePage.objects.get_or_create(slug=slug, defaults={"title": title, "body": body, "position": position})


def rich_article_ensure(*, now, writer, paint):
    """An article that shows each rich part: photo, gallery, quote, table, embeds.

    ``paint(name, seed)`` makes its lead photo (the demo's painter); the body's photos
    are the library's, as an editor would pick them.
    """
    article = Article.objects.filter(slug=RICH_SLUG).first()
    if article is not None:
        return article
    photos = list(Photo.objects.order_by("pk")[:4])
    section = Category.objects.filter(parent__slug="isere").order_by("position", "name").first()
    author = Author.objects.order_by("name").first()
    if len(photos) < 4 or section is None:
        return None
    gallery = "".join(f'<figure><img src="" data-file="{photo.pk}" alt=""></figure>' for photo in photos[1:4])
    # Two days old, yet la une puts it first.
    published = now - timedelta(days=2)
    with transaction.atomic(), reversion.create_revision():
        article = Article.objects.create(
            title="En images : le col du Lautaret rouvre après six semaines",
            slug=RICH_SLUG,
            standfirst="Photos, horaires, vidéos et carte : tout ce qu'il faut savoir avant de prendre la route.",
            body=RICH_BODY.format(first=photos[0].pk, gallery=gallery).replace("\n", " "),
            category=section,
            lead_photo=paint(RICH_SLUG[:80], 2026),
            reads=1_874,
            status=Article.Status.PUBLISHED,
            publish_at=published,
            first_published_at=published,
            created_by=writer,
            created_at=published - timedelta(hours=3),
        )
        if author:
            ArticleAuthor.objects.create(article=article, author=author, position=0)
        article.tags.add("routes", "montagne", "neige")
    articles_refresh_search_vector(queryset=Article.objects.filter(pk=article.pk))
    return article


def demo_site_ensure(*, now, writer, paint):
    """Pages, alert, the rich article, the live and the home's une (its lead: the rich
    article, then the live)."""
    site_pages_ensure()
    BreakingNews.objects.get_or_create(
        text=ALERT_TEXT,
        defaults={"starts_at": now - timedelta(minutes=30), "ends_at": now + timedelta(hours=12)},
    )
    rich = rich_article_ensure(now=now, writer=writer, paint=paint)
    live = live_ensure(now=now, writer=writer)
    front, created = FrontPage.objects.get_or_create(region=None)
    if created and rich is not None:
        FrontSlot.objects.create(front_page=front, position=1, article=rich)
    if created and live is not None:
        FrontSlot.objects.create(front_page=front, position=2, article=live)
