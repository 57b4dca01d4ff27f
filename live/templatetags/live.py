"""The article page pulls a live's posts in through ``{% live_feed article as live %}``
(articles never imports live): ``live.html`` is the section to print, ``live.posts`` the
posts of the page (for the ``LiveBlogPosting`` JSON-LD)."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from common.french import day_month, hour_minute

from ..feed import Feed, feed_page, page_number, poll_version

register = template.Library()


@register.filter
def post_time(value):
    """ "14 h 05" today, "30 novembre à 22 h 40" before: a post always says its time."""
    if timezone.localtime(value).date() == timezone.localdate():
        return hour_minute(value)
    return f"{day_month(value, year=False)} à {hour_minute(value)}"


@dataclass
class RenderedFeed:
    feed: Feed
    html: SafeString

    @property
    def posts(self):
        return self.feed.posts


@register.simple_tag(takes_context=True)
def live_feed(context, article):
    request = context.get("request")
    page = page_number(request.GET.get("page") if request is not None else None)
    if page is None:
        raise Http404("Cette page du direct n'existe pas.")
    # A public live's version is kept for its poll (no query); a preview's is counted.
    feed = feed_page(article, page, version=None if context.get("is_preview") else poll_version(article.pk))
    if page > 1 and not feed.posts:
        raise Http404("Cette page du direct n'existe pas.")
    html = render_to_string(
        "live/feed.html",
        {
            "feed": feed,
            "poll_url": reverse("live:updates", kwargs={"article_id": article.pk}),
            "is_preview": context.get("is_preview", False),
            "poll_seconds": settings.LIVE_POLL_SECONDS,
        },
        request=request,
    )
    return RenderedFeed(feed=feed, html=html)
