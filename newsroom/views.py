"""Site-wide pages: the home (the error pages are in newsroom.errors)."""

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.static import serve

from articles.models import Article, Category

from .frontpage import front_page_articles
from .models import SitePage

LATEST_PER_REGION = 4
HOME_RECENT_WINDOW = 2000


def home_regions(exclude=(), per_region=LATEST_PER_REGION):
    """[(region, sections, articles)]: each region's newest public articles, une excluded.

    Two queries whatever the number of sections: the categories, then the newest
    articles of every region at once (a window function ranks them per region, an
    article of a section counting for its region).
    """
    categories = list(Category.objects.order_by("position", "name"))
    # Only the newest articles are ranked, so that the home costs the same on a deep
    # archive; a region silent for that long drops off the home until it publishes.
    recent = Article.objects.published().order_by("-publish_at", "-pk").values("pk")[:HOME_RECENT_WINDOW]
    region_of = Coalesce(F("category__parent_id"), F("category_id"))
    ranked = (
        Article.objects.published()
        .filter(pk__in=recent)
        .exclude(pk__in=list(exclude))
        .select_related("category__parent", "lead_photo")
        .annotate(
            region_id=region_of,
            rank=Window(RowNumber(), partition_by=[region_of], order_by=[F("publish_at").desc(), F("pk").desc()]),
        )
        .filter(rank__lte=per_region)
        .order_by("region_id", "rank")
    )
    by_region = {}
    for article in ranked:
        by_region.setdefault(article.region_id, []).append(article)
    return [
        (region, [c for c in categories if c.parent_id == region.pk], by_region[region.pk])
        for region in categories
        if region.parent_id is None and region.pk in by_region
    ]


def home(request):
    une = front_page_articles()
    lead, top_stories = (une[0], une[1:]) if une else (None, [])
    response = render(
        request,
        "home.html",
        {
            "lead": lead,
            "top_stories": top_stories,
            "regions": home_regions(exclude=[article.pk for article in une]),
        },
    )
    # newsroom.cache rebuilds it when either changes ("ads": the chrome of every page)
    response.cache_tags = {"home", "ads"}
    return response


def site_page(request, slug):
    """A page editors write in the admin (mentions légales, contact…), linked from the footer."""
    page = get_object_or_404(SitePage, slug=slug)
    response = render(request, "site_page.html", {"site_page": page})
    response.cache_tags = {"ads"}  # any change to a SitePage bumps "ads" (newsroom.invalidation)
    return response


def debug_media(request, path):
    """Uploads under ``make run`` (DEBUG; in production nginx or S3 serve them), from the
    current ``MEDIA_ROOT``. A name the file system refuses (too long) is a 404, not a 500."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        raise Http404("Fichier introuvable.") from error
