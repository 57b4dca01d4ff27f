""" "Les plus lus": articles ranked by the reads of their daily buckets."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from .models import ReadDay

MOST_READ_LIMIT = 5


def most_read(queryset: QuerySet, *, since: date, until: date | None = None) -> QuerySet:
    """``queryset``'s articles read from ``since`` (a date), most read first.

    Starts from the buckets of the period, not from every article in scope, so that
    its cost follows the articles read lately rather than the size of the archive.
    Each article carries ``period_reads``.
    """
    days = ReadDay.objects.filter(day__gte=since, article__in=queryset.values("pk"))
    if until:
        days = days.filter(day__lte=until)
    totals = days.order_by().values("article").annotate(total=Sum("count")).filter(total__gt=0)
    return (
        queryset.filter(pk__in=totals.values("article"))
        .annotate(period_reads=Subquery(totals.filter(article=OuterRef("pk")).values("total")[:1]))
        .order_by("-period_reads", "-publish_at")
    )


def in_category_q(category) -> Q:
    """Same rows as ``ArticleQuerySet.in_category`` without its query for the sections' ids."""
    return Q(category=category) | Q(category__parent=category)


def most_read_lists(queryset: QuerySet, *, today: date | None = None) -> list[tuple[str, list]]:
    """[(label, articles)] for "Les plus lus": today and the last 7 days.

    Two queries at most. Today's reads are part of the week's, so an empty week means
    an empty today: then the stored all-time counter orders the list instead.
    """
    today = today or timezone.localdate()
    base = queryset.select_related("category__parent")
    week = list(most_read(base, since=today - timedelta(days=6))[:MOST_READ_LIMIT])
    if not week:
        fallback = list(base.order_by("-reads", "-publish_at")[:MOST_READ_LIMIT])
        return [("Depuis leur parution", fallback)] if fallback else []
    lists = []
    today_list = list(most_read(base, since=today)[:MOST_READ_LIMIT])
    if today_list:
        lists.append(("Aujourd’hui", today_list))
    lists.append(("Sur sept jours", week))
    return lists
