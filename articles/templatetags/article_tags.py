"""Reusable pieces of the public pages: responsive pictures and "Les plus lus"."""

from datetime import timedelta

from django import template
from django.db.models import Q
from django.utils import timezone

from articles.models import Article

register = template.Library()

MOST_READ_LIMIT = 5


def in_category_q(category):
    """Same rows as ``ArticleQuerySet.in_category`` without its query for the sections' ids."""
    return Q(category=category) | Q(category__parent=category)


@register.inclusion_tag("includes/picture.html")
def picture(photo, sizes="100vw", eager=False, alt=None, css_class=""):
    """A <picture> with WebP and JPEG srcsets from the stored renditions.

    ``eager`` is for the image above the fold (the lead photo): it loads at once with a
    high fetch priority; every other picture is lazy.
    """
    if not photo:
        return {"photo": None}
    webp = photo.rendition_urls("webp")
    jpeg = photo.rendition_urls("jpeg")
    fallback = jpeg[-1][1] if jpeg else photo.image.url
    width, height = photo.width, photo.height
    if jpeg:
        # The largest rendition's recorded size: the displayed shape, even for a photo
        # whose EXIF orientation turned it.
        width = jpeg[-1][0]
        recorded = photo.renditions.get(str(width), {}).get("height")
        if recorded:
            height = recorded
        elif photo.width and photo.height:
            height = round(photo.height * width / photo.width)
    return {
        "photo": photo,
        "webp_srcset": ", ".join(f"{url} {w}w" for w, url in webp),
        "jpeg_srcset": ", ".join(f"{url} {w}w" for w, url in jpeg),
        "src": fallback,
        "width": width,
        "height": height,
        "sizes": sizes,
        "eager": eager,
        "alt": photo.alt_text if alt is None else alt,
        "css_class": css_class,
    }


def most_read_lists(queryset, today=None):
    """[(label, articles)] for "Les plus lus": today and the last 7 days.

    Two queries at most. Today's reads are part of the week's, so an empty week means
    an empty today: then the stored all-time counter orders the list instead.
    """
    today = today or timezone.localdate()
    base = queryset.select_related("category__parent")
    week = list(base.most_read(since=today - timedelta(days=6))[:MOST_READ_LIMIT])
    if not week:
        fallback = list(base.order_by("-reads", "-publish_at")[:MOST_READ_LIMIT])
        return [("Depuis leur parution", fallback)] if fallback else []
    lists = []
    today_list = list(base.most_read(since=today)[:MOST_READ_LIMIT])
    if today_list:
        lists.append(("Aujourd'hui", today_list))
    lists.append(("Sur sept jours", week))
    return lists


@register.inclusion_tag("includes/most_read.html")
def most_read_block(category=None):
    """ "Les plus lus", site-wide or for a region or section (published articles only)."""
    queryset = Article.objects.published()
    if category is not None:
        queryset = queryset.filter(in_category_q(category))
    return {"lists": most_read_lists(queryset), "category": category}
