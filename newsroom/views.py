"""Site-wide pages: the home (the error pages are in newsroom.errors)."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import render

from articles.models import Article, Category

LATEST_PER_SECTION = 4
HOME_RECENT_WINDOW = 2000


def home_sections(exclude_pk=None, per_section=LATEST_PER_SECTION):
    """[(region, [(category, articles)])]: latest public articles per region and section.

    Two queries whatever the number of sections: the categories, then the newest
    articles of every category at once (a window function ranks them per category).
    """
    categories = list(Category.objects.order_by("position", "name"))
    # Only the newest articles are ranked, so that the home costs the same on a deep
    # archive; a section silent for that long drops off the home until it publishes.
    recent = Article.objects.published().order_by("-publish_at", "-pk").values("pk")[:HOME_RECENT_WINDOW]
    ranked = (
        Article.objects.published()
        .filter(pk__in=recent)
        .exclude(pk=exclude_pk)
        .select_related("category__parent", "lead_photo")
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("category_id")], order_by=[F("publish_at").desc(), F("pk").desc()])
        )
        .filter(rank__lte=per_section)
        .order_by("category_id", "rank")
    )
    by_category = {}
    for article in ranked:
        by_category.setdefault(article.category_id, []).append(article)
    blocks = []
    for region in (c for c in categories if c.parent_id is None):
        groups = [(region, by_category[region.pk])] if region.pk in by_category else []
        groups += [
            (section, by_category[section.pk])
            for section in categories
            if section.parent_id == region.pk and section.pk in by_category
        ]
        if groups:
            blocks.append((region, groups))
    return blocks


def home(request):
    lead = Article.objects.published().for_lists().first()
    response = render(
        request,
        "home.html",
        {"lead": lead, "regions": home_sections(exclude_pk=lead.pk if lead else None)},
    )
    response.cache_tags = {"home", "ads"}  # newsroom.cache rebuilds it when either changes
    return response
