"""The admin's curve of an article's daily reads: server-side SVG, no script."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.template.loader import render_to_string
from django.utils import timezone

from common.french import day_month, french_number

from . import buffer
from .conf import read_day
from .models import ReadDay

logger = logging.getLogger(__name__)


def _reads_label(n: int) -> str:
    return f"{french_number(n)} lecture{'s' if n > 1 else ''}"


def daily_reads(article, *, days=30, today: date | None = None) -> list[tuple[date, int]]:
    """[(day, reads)] for the last ``days`` days up to today (Paris), database + buffer."""
    today = today or read_day(timezone.now())
    span = [today - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
    stored = dict(ReadDay.objects.filter(article=article, day__gte=span[0], day__lte=today).values_list("day", "count"))
    try:
        pending = buffer.pending_days(article.pk, span)
    except buffer.Unavailable:  # Redis down: the database's days (the breaker logs it)
        pending = {}
    return [(day, stored.get(day, 0) + pending.get(day, 0)) for day in span]


def reads_chart_svg(article, *, days=30, today: date | None = None) -> str:
    """The last 30 days of reads as an inline SVG (no script), labels escaped by the template."""
    series = daily_reads(article, days=days, today=today)
    width, height, left, right, top, bottom = 640, 180, 44, 12, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((n for _, n in series), default=0)
    scale = peak or 1
    step = plot_w / max(len(series) - 1, 1)
    points = []
    for index, (day, n) in enumerate(series):
        x = left + index * step
        y = top + plot_h - (n / scale) * plot_h
        points.append(
            {
                "x": f"{x:.1f}",
                "y": f"{y:.1f}",
                "label": f"{day_month(day)} : {_reads_label(n)}".replace(" :", "\u202f:"),
            }
        )
    ticks = [series[0][0], series[len(series) // 2][0], series[-1][0]] if series else []
    tick_labels = (
        [
            {"x": f"{left + i * step:.1f}", "text": day_month(day, year=False)}
            for i, day in ((0, ticks[0]), (len(series) // 2, ticks[1]), (len(series) - 1, ticks[2]))
        ]
        if ticks
        else []
    )
    total = sum(n for _, n in series)
    context = {
        "width": width,
        "height": height,
        "left": left,
        "right_x": width - right,
        "top": top,
        "base_y": top + plot_h,
        "label_y": height - 8,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "points": points,
        "ticks": tick_labels,
        "peak": french_number(peak),
        "title": f"Lectures par jour de « {article.title} »".replace("« ", "«\u202f").replace(" »", "\u202f»"),
        "summary": (
            f"{_reads_label(total)} sur {days} jours, du {day_month(series[0][0])} "
            f"au {day_month(series[-1][0])} ; au plus {_reads_label(peak)} en un jour"
        ).replace(" ;", "\u202f;"),
    }
    return render_to_string("reads/reads_chart.html", context)
