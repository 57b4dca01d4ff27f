"""What readers get of a live: its key posts and its posts, newest first, by pages.

The reader's page and the poll (``views.updates``) show the same first page: it is
rendered once per change of the live (``public_page``), by whichever of them asks first,
and kept for both. A page's posts are rendered in one go: the photos they name are read
in one query (``articles.body.render_body``), whatever the number of posts.

The live's version is the number of its posts (deleted ones included) and the latest
change of any of them, with the live's state: one indexed aggregate, and the poll's
ETag. A poll whose ETag is unchanged costs that query and nothing else.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from articles.body import body_photo_ids, render_body
from articles.models import Article, Photo
from common import tagcache

from .models import LivePost

PAGE_SIZE = 30
MAX_PINNED = 5
# Beyond any live (an election night is a few hundred posts): 404 without a query.
MAX_PAGE = 1_000


@dataclass
class Feed:
    article: Article
    page: int
    posts: list = field(default_factory=list)
    pinned: list = field(default_factory=list)
    has_older: bool = False
    version: str = ""

    @property
    def running(self):
        return self.article.live == Article.Live.RUNNING

    @property
    def older_page(self):
        return self.page + 1 if self.has_older else None

    @property
    def newer_page(self):
        return self.page - 1 if self.page > 1 else None


def version_of(article_id: int, live_state: str, count: int, last_change) -> str:
    raw = f"{article_id}|{live_state}|{count}|{last_change.isoformat() if last_change else '-'}"
    return hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()[:16]


def poll_version(article_id: int) -> str | None:
    """``public_version()``, kept in the cache under the tags the live's page follows
    (``live:<id>`` moves with every post, ``article:<id>`` with the article): a thousand
    readers polling between two posts cost one cache round trip each, not a query. No
    version (not public yet) is not kept: the live may become public at any time."""
    return tagcache.kept(
        f"live-version:{article_id}",
        {f"live:{article_id}", f"article:{article_id}"},
        lambda: public_version(article_id),
        seconds=settings.LIVE_POLL_SECONDS * 4,
    )


def public_version(article_id: int) -> str | None:
    """The version of a public live, or None (no such article, not public, not a live)."""
    row = (
        Article.objects.published()
        .exclude(live=Article.Live.NO)
        .filter(pk=article_id)
        .annotate(count=Count("live_posts"), last=Max("live_posts__changed_at"))
        .values_list("live", "count", "last")
        .first()
    )
    return None if row is None else version_of(article_id, *row)


def _render(posts) -> None:
    ids = set().union(*(body_photo_ids(post.body) for post in posts)) if posts else set()
    photos = Photo.objects.in_bulk(ids) if ids else {}
    for post in posts:
        post.html = mark_safe(render_body(post.body, photos=photos))


def feed_page(article: Article, page: int = 1, *, version: str | None = None) -> Feed:
    """The ``page``-th page of the live (1: the newest posts, with the key posts).
    ``version``: the live's, when the caller has just read it (the poll)."""
    posts = LivePost.objects.filter(article=article).visible().newest_first()
    start = (page - 1) * PAGE_SIZE
    window = list(posts[start : start + PAGE_SIZE + 1])
    feed = Feed(article=article, page=page, posts=window[:PAGE_SIZE], has_older=len(window) > PAGE_SIZE)
    if page == 1:
        feed.pinned = list(posts.filter(pinned=True)[:MAX_PINNED])
    if version is None:
        stats = LivePost.objects.filter(article=article).aggregate(count=Count("pk"), last=Max("changed_at"))
        version = version_of(article.pk, article.live, stats["count"], stats["last"])
    feed.version = version
    for post in [*feed.posts, *feed.pinned]:
        post.article = article  # for their addresses, without a query each
    _render([*feed.posts, *feed.pinned])
    return feed


@dataclass(frozen=True)
class RenderedPage:
    """A page of a live as every reader gets it: ``posts`` is the poll's answer
    (templates/live/posts.html), ``section`` the article page's (templates/live/feed.html,
    with the ``LiveBlogPosting`` JSON-LD), which holds the same posts."""

    version: str
    state: str
    posts: SafeString
    section: SafeString


def render_page(article: Article, page: int = 1, *, preview: bool = False, version: str | None = None):
    """The ``page``-th page of the live rendered, or None for a page past its last post.
    Nothing in it depends on the request: it is the same for every reader."""
    feed = feed_page(article, page, version=version)
    if page > 1 and not feed.posts:
        return None
    posts = render_to_string("live/posts.html", {"feed": feed})
    context = {
        "feed": feed,
        "posts_html": mark_safe(posts),
        "poll_url": reverse("live:updates", kwargs={"article_id": article.pk}),
        "is_preview": preview,
        "poll_seconds": settings.LIVE_POLL_SECONDS,
    }
    return RenderedPage(
        version=feed.version,
        state=article.live,
        posts=mark_safe(posts),
        section=mark_safe(render_to_string("live/feed.html", context)),
    )


def public_page(article_id: int, page: int = 1, *, article: Article | None = None) -> RenderedPage | None:
    """``render_page()`` of a public live, kept under the tags its article page follows:
    after a post, the first of the page's builds and the readers' polls renders it, the
    others take it (one cache round trip). None: no public live there, or no such page.
    ``article``: the live, when the caller has read it already."""

    def build():
        version = poll_version(article_id)
        if version is None:
            return None
        live = article or Article.objects.published().select_related("category").filter(pk=article_id).first()
        return None if live is None else render_page(live, page, version=version)

    return tagcache.kept(
        f"live-page:{article_id}:{page}",
        {f"live:{article_id}", f"article:{article_id}"},
        build,
        seconds=settings.LIVE_POLL_SECONDS * 4,
    )


def page_number(raw) -> int | None:
    """``?page=`` as a page of the live: 1 when absent, None when it is not one."""
    if raw in (None, ""):
        return 1
    if not (isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 4):
        return None
    number = int(raw)
    return number if 1 <= number <= MAX_PAGE else None
