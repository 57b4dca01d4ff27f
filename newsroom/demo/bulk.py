"""Bulk content for the scale benchmarks (``demo_content --articles N --reactions N``)."""

import random
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleAuthor, Author, Category, Photo
from articles.sanitize import sanitize_html
from articles.search import articles_refresh_search_vector
from comments.models import Reaction, message_digest
from comments.moderation import reactions_recount

from . import texts

Status = Article.Status


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def bulk_articles_create(
    count: int, *, batch_size: int = 2000, now=None, log=lambda message: None, progress=None
) -> int:
    """Add ``count`` articles fast: bulk inserts by batch, no revision, no new photo.

    Slugs end with a run marker (the start time in base 36) and a counter, so that
    repeated runs never collide. Search vectors are refreshed per batch with one UPDATE
    (``articles.search``; a no-op on SQLite).
    """
    now = now or timezone.now()
    sections = list(Category.objects.filter(parent__isnull=False).select_related("parent"))
    authors = list(Author.objects.order_by("pk"))
    photos = list(Photo.objects.exclude(renditions={}).order_by("pk")[:16]) or [None]
    tags = list(Tag.objects.order_by("pk")[:40])
    editor = get_user_model().objects.filter(username="redaction").first()
    if not sections or not authors:
        raise CommandError("Le contenu de démonstration doit exister avant les articles en masse.")
    article_type = ContentType.objects.get_for_model(Article)
    run = _base36(time.time_ns() // 1_000_000)
    rng = random.Random(run)
    span = 6 * 365 * 24 * 3600  # publications spread over six years
    created = 0
    if progress is not None:
        progress.total = count
    for start in range(0, count, batch_size):
        size = min(batch_size, count - start)
        batch = []
        for index in range(start, start + size):
            section = rng.choice(sections)
            town = rng.choice(texts.TOWNS[section.parent.slug] if section.parent.slug in texts.TOWNS else ["Grenoble"])
            headline = rng.choice(texts.HEADLINES.get(section.slug, texts.HEADLINES["actualites"]))
            title = f"{town} : {headline}"
            quote, who = rng.choice(texts.BULK_QUOTES)
            paragraphs = rng.sample(texts.BULK_PARAGRAPHS, 3)
            body = (
                f"<p>{paragraphs[0]}</p><p>{paragraphs[1]}</p>"
                f"<h2>{rng.choice(texts.BULK_INTERTITLES)}</h2>"
                f"<p>« {quote} », estime {who}.</p>"
                f'<p>{paragraphs[2]} <a href="/{section.path}/">Toute l’actualité de la rubrique</a>.</p>'
            )
            body = sanitize_html(body)
            roll = rng.random()
            status = Status.PUBLISHED if roll < 0.97 else Status.DRAFT if roll < 0.99 else Status.REVIEW
            published_at = now - timedelta(seconds=rng.randint(60, span))
            batch.append(
                Article(
                    title=title,
                    slug=f"{slugify(title)[:150]}-{run}-{index}",
                    standfirst=f"À {town}, {headline}. {paragraphs[0]}"[:600],
                    body=body,
                    category=section,
                    lead_photo=rng.choice(photos),
                    status=status,
                    publish_at=published_at if status == Status.PUBLISHED else None,
                    first_published_at=published_at if status == Status.PUBLISHED else None,
                    created_at=published_at - timedelta(hours=rng.randint(1, 48)),
                    created_by=editor,
                    reads=int(rng.paretovariate(1.3) * 120) if status == Status.PUBLISHED else 0,
                )
            )
        with transaction.atomic():
            articles = Article.objects.bulk_create(batch)
            bylines, tagged = [], []
            for article in articles:
                for position, author in enumerate(rng.sample(authors, 1 if rng.random() < 0.85 else 2)):
                    bylines.append(ArticleAuthor(article_id=article.pk, author_id=author.pk, position=position))
                for tag in rng.sample(tags, min(len(tags), rng.randint(0, 3))):
                    tagged.append(TaggedItem(content_type=article_type, object_id=article.pk, tag=tag))
            ArticleAuthor.objects.bulk_create(bylines)
            TaggedItem.objects.bulk_create(tagged)
            articles_refresh_search_vector(queryset=Article.objects.filter(pk__in=[a.pk for a in articles]))
        created += size
        log(f"  {created} / {count}")
        if progress is not None:  # a common.progress.Progress: the bar of demo_content
            progress.advance(size)
    _refresh_planner_statistics(Article, ArticleAuthor, TaggedItem)
    return created


def _refresh_planner_statistics(*models) -> None:
    """ANALYZE the tables just filled in bulk (PostgreSQL). Autovacuum would, a while
    later: until then the planner believes the tables nearly empty, and the API's list
    of 20 articles joined and sorted 2 000 rows (15 ms) instead of walking an index (0.5 ms)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


# --- bulk reader reactions for scale benchmarks ---------------------------------------------

# No article draws more than this many times the interest of the least commented one.
REACTION_WEIGHT_CAP = 200.0


def bulk_reactions_create(
    count: int, *, batch_size: int = 5000, now=None, log=lambda message: None, progress=None
) -> int:
    """Add ``count`` reader reactions fast, spread unevenly over the published articles.

    Mostly approved, some pending, a few rejected or spam, as a real queue looks after
    moderation. ``bulk_create`` skips ``Reaction.save()``, so the e-mail is written
    already normalised and ``message_hash`` is computed here.

    The unique constraint (article, e-mail, message hash) can never be hit: every
    e-mail carries the run marker, and within a run the n-th reaction to an article
    comes from commenter number n, so no e-mail writes twice under one article.
    """
    now = now or timezone.now()
    published = list(Article.objects.published(now=now).order_by("pk").values_list("pk", "publish_at"))
    if not published:
        raise CommandError("Aucun article publié : impossible d’y ajouter des réactions.")
    run = _base36(time.time_ns() // 1_000_000)
    rng = random.Random(f"reactions-{run}")
    # Uneven interest: a few articles draw many reactions, most draw a handful.
    weights = [min(rng.paretovariate(1.3), REACTION_WEIGHT_CAP) for _ in published]
    picks = rng.choices(range(len(published)), weights=weights, k=count)
    seen = [0] * len(published)
    states = (
        [Reaction.State.APPROVED] * 90
        + [Reaction.State.PENDING] * 7
        + [Reaction.State.REJECTED] * 2
        + [Reaction.State.SPAM]
    )
    created = 0
    if progress is not None:
        progress.total = count
    for start in range(0, count, batch_size):
        batch = []
        for index in picks[start : start + batch_size]:
            article_id, publish_at = published[index]
            commenter = seen[index]
            seen[index] += 1
            first_name = texts.REACTION_FIRST_NAMES[commenter % len(texts.REACTION_FIRST_NAMES)]
            message = f"{rng.choice(texts.REACTION_OPENINGS)} {rng.choice(texts.REACTION_FOLLOW_UPS)}"
            age = max(0.0, (now - publish_at).total_seconds())
            created_at = publish_at + timedelta(seconds=min(age, rng.expovariate(1 / 86400)))
            state = rng.choice(states)
            batch.append(
                Reaction(
                    article_id=article_id,
                    name=f"{first_name} {chr(65 + commenter % 26)}.",
                    email=f"lecteur{commenter}.{run}@example.org",
                    message=message,
                    message_hash=message_digest(message),
                    ip_hash=f"{rng.getrandbits(256):064x}",
                    state=state,
                    created_at=created_at,
                    moderated_at=None if state == Reaction.State.PENDING else created_at + timedelta(hours=1),
                )
            )
        Reaction.objects.bulk_create(batch)
        created += len(batch)
        log(f"  {created} / {count}")
        if progress is not None:
            progress.advance(len(batch))
    # The published count shown with each article, as the moderation services keep it.
    touched = [article_id for (article_id, _), n in zip(published, seen, strict=True) if n]
    for start in range(0, len(touched), 5000):
        reactions_recount(articles=Article.objects.filter(pk__in=touched[start : start + 5000]))
    return created


# Readers' reactions of the demo: (name, e-mail, message, approved by the desk?). Those
# left pending fill the moderators' queue.
