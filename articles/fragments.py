"""The parts of an article page that depend on the article alone, rendered once.

An article page is rebuilt at least every ``ARTICLE_PAGE_CACHE_SECONDS`` for its read
counter, and in a deep archive nearly every reader of an article finds it out of the
page cache. What does not change from one reader to the next (the JSON-LD and meta
tags, the headline and dateline, the photo, standfirst, body, encadrés, notes and tags,
and "À lire également") is rendered once and kept with the versions of the tags of what
it shows (``common.tagcache``): the article, the stories of "À lire également", the
bylines, and ``section:<pk>`` of the sections it names. Not the lists' tags, which every
publication in a section moves. A page build then costs the article's row, the
fragments, and what belongs to the reader (the counter, the reactions, the ads).

A recent article's fragments are kept in the cache, under the article's id, for at most
``PAGE_CACHE_SECONDS`` (so a newly published story reaches its "À lire également"
within that time), until the next scheduled publication, and until midnight (a dateline
says "à 14 h 05" on the day of publication only).

An archive article (published ``ARTICLE_ARCHIVE_DAYS`` days ago or more) keeps them in
the database (``ArticleRendering``, read with the article's row): most of its reads come
long after any cache would have let its parts go. Its "À lire également" is that of the
day it was rendered, for a week at most. Previews are never kept.
"""

import datetime
import logging
import time

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError, transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from common import tagcache
from common.site import site_url

from .models import Article, ArticleAuthor, ArticleRendering

FRAGMENTS = ("og_image", "head", "top", "main", "tail")
# Part of the key: a deploy that changes the fragments' templates starts from new keys.
VERSION = 4
# An archive article's kept parts are rendered again after this many days at most.
RENDERING_DAYS = 7

logger = logging.getLogger(__name__)


def _key(article_id: int) -> str:
    # The site's origin too: with SITE_URL unset, absolute links follow the request's host.
    # And the static files' manifest: the JSON-LD names the logo by its hashed name, which
    # a deploy that changes the logo changes (kept a week in the database otherwise).
    manifest = getattr(staticfiles_storage, "manifest_hash", "")
    return f"article-fragments:{VERSION}:{manifest}:{site_url()}:{article_id}"


def is_archived(article, now=None) -> bool:
    """Published ``ARTICLE_ARCHIVE_DAYS`` days ago or more (Paris dates): its parts are
    kept in the database."""
    days = settings.ARTICLE_ARCHIVE_DAYS
    published = article.published_at
    return (
        bool(days)
        and published is not None
        and (timezone.localdate(now) - timezone.localtime(published).date()) >= datetime.timedelta(days=days)
    )


def _parts(html: dict, page_tags) -> dict:
    return {**{name: mark_safe(html[name]) for name in FRAGMENTS}, "tags": set(page_tags)}


def cached_fragments(article) -> dict | None:
    """The kept fragments of an article, if nothing they show changed since.

    An archive article's come with its row (``select_related("rendering")``).
    """
    if is_archived(article):
        try:
            rendering = article.rendering
        except ArticleRendering.DoesNotExist:
            return None
        if (
            rendering.made_for != _key(article.pk)
            or rendering.expires_at <= timezone.now()
            or not tagcache.unchanged(rendering.tags)
        ):
            return None
        article.kept_rendering = rendering  # for kept_extra(), later in this request
        return _parts(rendering.parts, rendering.page_tags)
    entry = tagcache.fresh(_key(article.pk))
    if entry is None:
        return None
    return _parts(entry["value"]["html"], entry["value"]["page_tags"])


def forget(article_ids) -> None:
    """Drop these archive articles' kept parts: their changes reach them even when an
    invalidation is lost (the cache unreachable while an editor saves), the versions of
    their tags still matching the kept ones."""
    ids = set(article_ids)
    if ids:
        ArticleRendering.objects.filter(article_id__in=ids).delete()


def purge_expired(*, now=None, batch: int = 1000) -> int:
    """Delete the kept parts past their expiry (never served again: the next read renders
    them anew), a batch at a time so that no long lock holds the table. Returns how many."""
    now = now or timezone.now()
    total = 0
    while True:
        ids = list(ArticleRendering.objects.filter(expires_at__lte=now).values_list("pk", flat=True)[:batch])
        if not ids:
            return total
        total += ArticleRendering.objects.filter(pk__in=ids, expires_at__lte=now).delete()[0]


def _midnight_after(moment):
    local = timezone.localtime(moment)
    return datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time(), local.tzinfo)


def _seconds_to_keep(now) -> int:
    limits = [getattr(settings, "PAGE_CACHE_SECONDS", 300), (_midnight_after(now) - now).total_seconds()]
    next_at = Article.objects.next_publication_at(now)
    if next_at is not None:
        limits.append((next_at - now).total_seconds())
    return int(min(limits))


def render_fragments(request, article, *, related_articles, is_preview: bool) -> dict:
    """Render the article's fragments (and store them, unless a preview).

    ``related_articles(article, tag_ids)`` picks "À lire également" (the view's query).
    Returns the HTML of each fragment and ``tags``, the cache tags of what they show.
    """
    sequence = None if is_preview else tagcache.sequence()
    prefetch_related_objects(
        [article],
        Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
        "boxes",
        "notes",
        "lead_photo",
        "category__parent",
    )
    category = article.category
    region = category.parent if category.parent_id else category
    section = category if category.parent_id else None
    tags = list(article.tags.order_by("name"))
    notes = list(article.notes.all())
    published_at = article.published_at
    modified_at = article.modified_at(notes)
    crumbs = [("Accueil", reverse("home")), (region.name, region.get_absolute_url())]
    if section:
        crumbs.append((section.name, section.get_absolute_url()))
    authors = [link.author for link in article.article_authors.all()]
    related = related_articles(article, [tag.pk for tag in tags])
    context = {
        "article": article,
        "region": region,
        "section": section,
        "authors": authors,
        "tags": tags,
        "boxes": list(article.boxes.all()),
        "notes": notes,
        "published_at": published_at,
        "modified_at": modified_at,
        "was_updated": bool(notes),
        "related": related,
        "crumbs": crumbs,
        "is_preview": is_preview,
    }
    shown = [article, *related]
    part_tags = {
        *(f"article:{item.pk}" for item in shown),
        *(f"section:{pk}" for item in shown for pk in (item.category_id, item.category.parent_id) if pk),
        *(f"byline:{author.pk}" for author in authors),
    }
    page_tags = {
        *part_tags,
        f"category:{article.category_id}",
        "ads",
        *(f"tag:{tag.slug}" for tag in tags),
    }
    html = {name: render_to_string(f"articles/fragments/{name}.html", context, request=request) for name in FRAGMENTS}
    if not is_preview:
        _keep(article, html, part_tags, page_tags, before=sequence, related=related)
    return _parts(html, page_tags)


def _keep(article, html, part_tags, page_tags, *, before, related):
    """Keep the parts, unless something was invalidated while their rows were read."""
    now = timezone.now()
    if not is_archived(article, now):
        value = {"html": html, "page_tags": sorted(page_tags)}
        tagcache.store(_key(article.pk), value, part_tags, before=before, seconds=_seconds_to_keep(now))
        return
    versions = tagcache.versions_since(part_tags, before)
    if versions is None:
        return
    # A teaser of a story published today says "à 14 h 05" until midnight.
    today = timezone.localdate(now)
    shows_an_hour = any(item.publish_at and timezone.localtime(item.publish_at).date() == today for item in related)
    # Rendered again now and then: "À lire également" then follows the archive, and a
    # change to a story it shows made while the cache was unreachable shows at last.
    expires_at = _midnight_after(now) if shows_an_hour else now + datetime.timedelta(days=RENDERING_DAYS)
    rendering = ArticleRendering(
        article_id=article.pk,
        made_for=_key(article.pk),
        parts=html,
        tags=versions,
        page_tags=sorted(page_tags),
        extras={},
        expires_at=expires_at,
        built_at=now,
    )
    kept = _write(
        lambda: ArticleRendering.objects.bulk_create(
            [rendering],
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=["made_for", "parts", "tags", "page_tags", "extras", "expires_at", "built_at"],
        )
    )
    if kept:
        article.kept_rendering = rendering


def _write(operation) -> bool:
    """Run a write of kept parts; a database that refuses it costs the next reader a
    build, never this reader their page."""
    try:
        with transaction.atomic():
            operation()
    except DatabaseError:
        logger.warning("Rendered parts not kept", exc_info=True)
        return False
    return True


def kept_extra(article, name: str, build, *, until=None) -> str | None:
    """A part of an archive article's page that another app renders (the reactions
    region), kept with the article's parts: valid while they are, and until ``until``.

    Only once this request found the parts valid or kept them (``cached_fragments``,
    ``render_fragments``), and so read them before ``build()`` reads its rows: a change
    since bumps a tag of the parts, and the row goes with them. None otherwise (a recent
    article, a preview): the caller keeps it its own way.
    """
    rendering = getattr(article, "kept_rendering", None)
    if rendering is None:
        return None
    entry = rendering.extras.get(name)
    if entry is not None and (entry["until"] is None or entry["until"] > time.time()):
        return entry["html"]
    html = build()
    extras = {**rendering.extras, name: {"html": html, "until": until.timestamp() if until else None}}
    # Onto the row read or written by this request only, not one built since.
    if _write(
        lambda: ArticleRendering.objects.filter(article_id=article.pk, built_at=rendering.built_at).update(
            extras=extras
        )
    ):
        rendering.extras = extras
    return html
