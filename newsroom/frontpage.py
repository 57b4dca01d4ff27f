"""La une: the articles a front page opens with, as editors chose them.

``front_page_articles`` is the one place that reads the editors' choice, for the home
(``region=None``) and for a region's page. A slot left empty, or holding an article
that readers may not see (a draft, an unpublished or still scheduled one), is filled by
the newest public article not already shown, so the une is never a hole and never
leaks an unpublished story.
"""

from django.db.models import Q, prefetch_related_objects

from articles.models import Article

from .models import FRONT_SLOTS, FrontSlot


def front_page_articles(*, region=None, size=FRONT_SLOTS, now=None) -> list:
    """The une of the home (``region`` None) or of a region, lead story first.

    Three queries whatever the choice: the editors' slots with their articles, the
    newest public articles to fill the gaps, the bylines of all of them.
    """
    published = Article.objects.published(now).select_related("category__parent", "lead_photo")
    slots = FrontSlot.objects.filter(front_page__region=region, position__lte=size)
    chosen = {
        slot.position: slot.article
        for slot in slots.select_related("article__category__parent", "article__lead_photo").filter(
            article__in=published.values("pk")
        )
    }
    scope = published
    if region is not None:
        scope = published.filter(Q(category_id=region.pk) | Q(category__parent_id=region.pk))
    fill = iter(
        scope.exclude(pk__in=[article.pk for article in chosen.values()]).order_by("-publish_at", "-pk")[
            : size - len(chosen)
        ]
        if len(chosen) < size
        else []
    )
    articles = []
    for position in range(1, size + 1):
        article = chosen.get(position) or next(fill, None)
        if article is not None:
            articles.append(article)
    prefetch_related_objects(articles, "authors")
    return articles


def front_page_tags(region=None) -> set:
    """The page-cache tags of the page that shows this une."""
    return {f"category:{region.pk}"} if region is not None else {"home"}
