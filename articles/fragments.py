"""The parts of an article page that depend on the article alone, rendered once.

An article page is rebuilt at least every ``ARTICLE_PAGE_CACHE_SECONDS`` for its read
counter, and in a deep archive nearly every reader of an article finds it out of the
page cache. What does not change from one reader to the next (the JSON-LD and meta
tags, the headline and dateline, the photo, standfirst, body, encadrés, notes and tags,
and "À lire également") is rendered once and kept in the cache under the article's id,
with the versions of the page's cache tags (``common.tagcache``): the editor's action
that invalidates the page invalidates its fragments too. A page build then costs the
article's row, the fragments (one round trip), and what belongs to the reader (the
counter, the reactions, the ads).

Fragments expire after ``PAGE_CACHE_SECONDS`` (so a newly published article reaches
other articles' "À lire également" within that time), before the next scheduled
publication, and at midnight (a dateline says "à 14 h 05" on the day of publication
only). Previews are never stored.
"""

import datetime

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from common import tagcache
from common.site import site_url

from .models import Article, ArticleAuthor

FRAGMENTS = ("og_image", "head", "top", "main", "tail")
# Part of the key: a deploy that changes the fragments' templates starts from new keys.
VERSION = 3


def _key(article_id: int) -> str:
    # The site's origin too: with SITE_URL unset, absolute links follow the request's host.
    return f"article-fragments:{VERSION}:{site_url()}:{article_id}"


def cached_fragments(article_id: int) -> dict | None:
    """The stored fragments of an article, if nothing they show changed since."""
    entry = tagcache.fresh(_key(article_id))
    if entry is None:
        return None
    return {**{name: mark_safe(html) for name, html in entry["value"].items()}, "tags": entry["tags"]}


def _seconds_to_keep(now) -> int:
    local = timezone.localtime(now)
    midnight = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time(), local.tzinfo)
    limits = [getattr(settings, "PAGE_CACHE_SECONDS", 300), (midnight - local).total_seconds()]
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
    page_tags = {
        f"article:{article.pk}",
        f"category:{article.category_id}",
        "ads",
        *(f"article:{item.pk}" for item in related),
        *(f"byline:{author.pk}" for author in authors),
        *(f"tag:{tag.slug}" for tag in tags),
    }
    html = {
        name: mark_safe(render_to_string(f"articles/fragments/{name}.html", context, request=request))
        for name in FRAGMENTS
    }
    if sequence is not None:
        # Kept unless something was invalidated while the rows above were read.
        tagcache.store(_key(article.pk), html, page_tags, before=sequence, seconds=_seconds_to_keep(timezone.now()))
    return {**html, "tags": page_tags}
