"""What every public page shows around its content: the menu of regions and sections,
the alerte info and the footer's pages.

Built from the database once, then kept in the default cache until a category, an
alert or a site page changes (``chrome_changed``) or the alert starts or ends, so that
the chrome adds no query to a page. Plain dicts and strings are stored, never model
instances, so that a cached entry survives a deploy that changes the models. The three
parts are kept rendered too (``html``): the same on every page, they cost a page build
nothing but the lookup.
"""

import logging

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Category

from .models import BreakingNews, SitePage

logger = logging.getLogger(__name__)

CHROME_KEY = "site-chrome:v2"
EMPTY_CHROME = {"regions": [], "alert": None, "pages": [], "until": None, "html": {}}
# The parts every page shows, by the name base.html gives them: their templates.
PARTS = {"menu": "includes/menu.html", "alert": "includes/breaking.html", "footer": "includes/footer_pages.html"}


def _build(now):
    categories = list(Category.objects.order_by("position", "name").values("pk", "name", "path", "parent_id"))
    regions = []
    for region in (c for c in categories if c["parent_id"] is None):
        sections = [{"name": c["name"], "url": _url(c["path"])} for c in categories if c["parent_id"] == region["pk"]]
        regions.append({"name": region["name"], "url": _url(region["path"]), "sections": sections})
    # Every alert not yet over, in one query: the one on air, and when the banner next changes.
    alerts = list(BreakingNews.objects.select_related("article__category").filter(ends_at__gt=now))
    on_air = [a for a in alerts if a.starts_at <= now]
    alert = max(on_air, key=lambda a: (a.starts_at, a.pk), default=None)
    changes = [a.ends_at for a in alerts] + [a.starts_at for a in alerts if a.starts_at > now]
    pages = [
        {"title": page.title, "url": page.get_absolute_url()}
        for page in SitePage.objects.filter(in_footer=True).only("title", "slug")
    ]
    chrome = {
        "regions": regions,
        "alert": (
            {
                "text": alert.text,
                "url": alert.article.get_absolute_url() if alert.article_id else "",
                "ends_at": alert.ends_at,
            }
            if alert
            else None
        ),
        "pages": pages,
        "until": min(changes, default=None),
    }
    chrome["html"] = {name: render_to_string(template, {"site": chrome}) for name, template in PARTS.items()}
    return chrome


def _url(path):
    return reverse("articles:category", kwargs={"category_path": path})


def site_chrome(now=None) -> dict:
    """{"regions": [...], "alert": {...} | None, "pages": [...], "html": {part: rendered}},
    for base.html."""
    now = now or timezone.now()
    chrome = cache.get(CHROME_KEY)
    if chrome is None or (chrome["until"] is not None and chrome["until"] <= now):
        try:
            chrome = _build(now)
        except DatabaseError:
            # An error page must still render when the database is what failed.
            logger.exception("the site's menu and alert could not be read")
            return EMPTY_CHROME
        timeout = None
        if chrome["until"] is not None:
            timeout = max(1, int((chrome["until"] - now).total_seconds()) + 1)
        cache.set(CHROME_KEY, chrome, timeout)
    return chrome


def chrome_if_cached(now=None) -> dict | None:
    """The chrome when the cache holds a current copy, else None: never a database query
    (what the error pages show, so that a mistyped address still offers the menu)."""
    now = now or timezone.now()
    chrome = cache.get(CHROME_KEY)
    if chrome is None or (chrome["until"] is not None and chrome["until"] <= now):
        return None
    return chrome


def chrome_forget() -> None:
    """The next page builds the chrome again from the database."""
    cache.delete(CHROME_KEY)


def chrome_changed(sender, **kwargs):
    """A category, an alert or a site page changed: every page's chrome is outdated.

    The newsroom's own models already bump the "ads" tag of every page
    (``newsroom.invalidation``); a category (the menu) bumps it here.
    """
    from .invalidation import invalidate_on_commit

    chrome_forget()
    transaction.on_commit(chrome_forget)
    if sender is Category:
        invalidate_on_commit({"ads"})


def connect():
    for model in (Category, BreakingNews, SitePage):
        for signal in (post_save, post_delete):
            signal.connect(chrome_changed, sender=model, dispatch_uid=f"chrome-{model.__name__}-{signal is post_save}")
