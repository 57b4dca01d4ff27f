"""The desk: what an editor, or a journalist, sees first in the admin.

An editor: the articles waiting in review (who, since when), the corrections authors
propose, the scheduled ones (when),
today's publications, what is read now (the last 30 minutes and today, with small
plots) and the reactions waiting. A journalist: their drafts, those that came back
from review, and those they sent. Read-only summaries, a handful of queries each.
"""

from datetime import datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from reads.models import ReadDay, ReaderMark

from .models import CorrectionProposal

DESK_LIMIT = 8
PLOT_DAYS = 14


def _since_review(article):
    """When the article entered review: the oldest of its latest revisions in that state."""
    since = None
    for version in Version.objects.get_for_object(article).order_by("-revision__date_created")[:10]:
        if version.field_dict.get("status") != Article.Status.REVIEW:
            break
        since = version.revision.date_created
    return since or article.updated_at


def reads_plot(values, *, width=168, height=36):
    """A sparkline as SVG points ("x,y x,y …") and the peak, for the desk's small plots."""
    peak = max(values, default=0)
    if not values:
        return {"points": "", "peak": 0, "width": width, "height": height}
    step = width / max(len(values) - 1, 1)
    points = " ".join(
        f"{index * step:.1f},{height - 2 - (value / (peak or 1)) * (height - 4):.1f}"
        for index, value in enumerate(values)
    )
    return {"points": points, "peak": peak, "width": width, "height": height}


def editor_desk(*, now=None) -> dict:
    now = now or timezone.now()
    today = timezone.localdate(now)
    start_of_day = timezone.make_aware(datetime.combine(today, time.min))
    lists = Article.objects.select_related("category__parent", "created_by").prefetch_related("authors")
    in_review = list(lists.filter(status=Article.Status.REVIEW).order_by("updated_at")[:DESK_LIMIT])
    for article in in_review:
        article.in_review_since = _since_review(article)
    scheduled = list(
        lists.filter(status=Article.Status.PUBLISHED, publish_at__gt=now).order_by("publish_at")[:DESK_LIMIT]
    )
    published_today = list(
        lists.filter(status=Article.Status.PUBLISHED, publish_at__gte=start_of_day, publish_at__lte=now).order_by(
            "-publish_at"
        )
    )
    # Read now: readers counted in the last window (30 minutes), per article, from the
    # dedupe marks the reads app keeps in the database.
    now_ts = int(now.timestamp())
    live = (
        ReaderMark.objects.filter(until__gt=now_ts)
        .values("article")
        .annotate(readers=Count("reader"))
        .order_by("-readers")[:DESK_LIMIT]
    )
    live_counts = {row["article"]: row["readers"] for row in live}
    read_now = list(Article.objects.filter(pk__in=live_counts).select_related("category"))
    for article in read_now:
        article.readers_now = live_counts[article.pk]
    read_now.sort(key=lambda a: -a.readers_now)
    # Today: the day's buckets, and the site's reads per day over two weeks (a plot).
    first = today - timedelta(days=PLOT_DAYS - 1)
    per_day = dict(
        ReadDay.objects.filter(day__gte=first, day__lte=today)
        .values("day")
        .annotate(total=Sum("count"))
        .values_list("day", "total")
    )
    days = [first + timedelta(days=n) for n in range(PLOT_DAYS)]
    top_today = list(
        ReadDay.objects.filter(day=today, count__gt=0).select_related("article").order_by("-count")[:DESK_LIMIT]
    )
    corrections = list(
        CorrectionProposal.objects.filter(state=CorrectionProposal.State.PENDING)
        .select_related("article", "proposed_by")
        .order_by("proposed_at")[:DESK_LIMIT]
    )
    return {
        "in_review": in_review,
        "corrections": corrections,
        "scheduled": scheduled,
        "published_today": published_today,
        "read_now": read_now,
        "readers_now": sum(live_counts.values()),
        "top_today": top_today,
        "reads_today": per_day.get(today, 0),
        "plot": reads_plot([per_day.get(day, 0) for day in days]),
        "plot_first": first,
    }


def journalist_desk(user) -> dict:
    """A journalist's own articles: drafts (those back from review first), and in review."""
    mine = (
        Article.objects.filter(Q(created_by=user) | Q(article_authors__author__user=user))
        .distinct()
        .select_related("category__parent")
    )
    drafts = list(mine.filter(status=Article.Status.DRAFT).order_by("-updated_at")[:DESK_LIMIT])
    for article in drafts:
        statuses = [
            version.field_dict.get("status")
            for version in Version.objects.get_for_object(article).order_by("-revision__date_created")[:5]
        ]
        article.came_back = Article.Status.REVIEW in statuses[1:]
    drafts.sort(key=lambda a: not a.came_back)
    return {
        "drafts": drafts,
        "sent": list(mine.filter(status=Article.Status.REVIEW).order_by("-updated_at")[:DESK_LIMIT]),
    }
