"""The demo's live: a running "En direct" with timed posts, a key post, a list, a link
and an embed. Loaded by ``demo_content``; found by its slug and left alone when it exists.

The posts are written as the journalist who signs the live would write them, minutes
apart up to a few minutes ago, each with its trace.
"""

from datetime import timedelta

import reversion
from django.db import transaction

from articles.models import Article, ArticleAuthor, Author, Category
from articles.search import articles_refresh_search_vector
from live.models import LivePost, LivePostChange

from .photos import landscape_alt, photo_create

LIVE_SLUG = "crue-de-lisere-a-grenoble-la-soiree-en-direct"

# (minutes before now, key post, body)
POSTS = [
    (
        185,
        False,
        "<p>Bonsoir à toutes et à tous. Vigilance orange crues sur l’Isère depuis 16 heures : "
        "nous suivons ce soir la montée des eaux à Grenoble et dans le Grésivaudan.</p>",
    ),
    (
        160,
        False,
        "<p>Au pont de la Citadelle, l’eau est à un peu plus d’un mètre sous le tablier. "
        "Les promeneurs sont nombreux sur les quais, la police municipale les fait reculer.</p>",
    ),
    (
        131,
        True,
        "<p><strong>Ce qu’il faut retenir à cette heure :</strong></p>"
        "<ul><li>quais de l’Isère fermés à la circulation entre le pont Marius-Gontard et la Bastille ;</li>"
        "<li>tram B interrompu entre Notre-Dame–Musée et Île Verte ;</li>"
        "<li>numéro d’information de la préfecture ouvert toute la nuit.</li></ul>",
    ),
    (
        104,
        False,
        "<p>Le préfet a publié un arrêté interdisant l’accès aux berges jusqu’à demain midi. "
        'Le texte est sur <a href="https://www.isere.gouv.fr/">le site de la préfecture</a>.</p>',
    ),
    (
        77,
        False,
        "<p>La carte du centre-ville : les quais fermés longent l’Isère entre la Bastille et l’Île Verte.</p>"
        "<p>https://www.openstreetmap.org/#map=15/45.19600/5.72800</p>",
    ),
    (
        52,
        False,
        "<blockquote><p>On a monté les sacs de sable à 18 heures, on restera debout cette nuit.</p></blockquote>"
        "<p>Témoignage d’un commerçant du quai Perrière, rideau baissé et pompe prête dans l’arrière-boutique.</p>",
    ),
    (
        24,
        False,
        "<p>La montée ralentit : +4 cm en une heure à la station de mesure de Grenoble, contre +11 cm "
        "en début de soirée. Le pic reste attendu vers 2 heures du matin.</p>",
    ),
    (
        6,
        False,
        "<p>Les pompiers ont procédé à deux mises à l’abri à Domène, sans blessé. "
        "Nous restons en ligne toute la soirée.</p>",
    ),
]


def live_ensure(*, now, writer):
    """The running live of the demo, or None when its section or signature is missing."""
    article = Article.objects.filter(slug=LIVE_SLUG).first()
    if article is not None:
        return article
    section = Category.objects.filter(parent__slug="isere", slug="actualites").first()
    author = Author.objects.filter(user__isnull=False).order_by("name").first()
    if section is None or author is None:
        return None
    journalist = author.user
    published = now - timedelta(minutes=190)
    seed = 1908  # a painted evening landscape; its alt text describes what it shows
    photo = photo_create(
        name=LIVE_SLUG[:80],
        seed=seed,
        caption="L’Isère grossie par trois jours de pluie, en fin d’après-midi",
        alt_text=landscape_alt(seed),
        credit="D.R.",
        user=writer,
    )
    with transaction.atomic(), reversion.create_revision():
        article = Article.objects.create(
            title="Crue de l’Isère à Grenoble : la soirée en direct",
            slug=LIVE_SLUG,
            standfirst="Quais fermés, tram coupé, berges interdites : suivez minute par minute la montée de "
            "l’Isère et les consignes de la préfecture.",
            body="<p>L’Isère monte depuis l’après-midi après trois jours de pluie sur le Vercors et la "
            "Chartreuse. Les services de l’État attendent le pic dans la nuit.</p>"
            "<p>La vigilance orange couvre Grenoble, le Grésivaudan et le sud de l’agglomération. Les "
            "berges sont interdites au public et plusieurs voies sur berge sont fermées.</p>"
            "<h2>Suivre la soirée</h2>"
            "<p>Nos journalistes sont sur les quais, à la préfecture et auprès des pompiers : les "
            "messages ci-dessous, les plus récents en haut, racontent la soirée. « On n’avait pas vu "
            "l’Isère aussi haute depuis des années », confie un riverain ; les consignes sont sur "
            '<a href="https://www.isere.gouv.fr/">le site de la préfecture</a>.</p>',
            category=section,
            lead_photo=photo,
            status=Article.Status.PUBLISHED,
            publish_at=published,
            first_published_at=published,
            created_by=writer,
            created_at=published - timedelta(minutes=20),
            live=Article.Live.RUNNING,
            reads=3_412,
        )
        ArticleAuthor.objects.create(article=article, author=author, position=0)
        article.tags.add("crue", "météo")
        for minutes, pinned, body in POSTS:
            at = now - timedelta(minutes=minutes)
            post = LivePost.objects.create(
                article=article,
                body=body,
                pinned=pinned,
                signature=author.name,
                posted_by=journalist,
                created_at=at,
                changed_at=at,
            )
            LivePostChange.objects.create(post=post, action=LivePostChange.Action.POSTED, user=journalist, at=at)
    articles_refresh_search_vector(queryset=Article.objects.filter(pk=article.pk))
    return article
