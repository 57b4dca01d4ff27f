"""What other apps' templates show of read counting, so that they never import ``reads``.

``{% load reads %}`` then ``{% read_count article %}`` (the article's counter),
``{% most_read_block %}`` / ``{% most_read_block category %}`` ("Les plus lus") and, in
the article's admin page, ``{% reads_admin_panel original %}``.
"""

from django import template
from django.utils.safestring import mark_safe

from articles.models import Article
from common.french import french_number

from ..chart import reads_chart_svg
from ..queries import in_category_q, most_read_lists
from ..services import displayed_reads

register = template.Library()


@register.simple_tag
def read_count(article):
    """The read counter as readers see it: ``article lu {% read_count article %} fois``,
    its thousands grouped the French way ("2 239", with a narrow no-break space)."""
    return french_number(displayed_reads(article))


@register.inclusion_tag("reads/most_read.html")
def most_read_block(category=None):
    """ "Les plus lus", site-wide or for a region or section (published articles only)."""
    queryset = Article.objects.published()
    if category is not None:
        queryset = queryset.filter(in_category_q(category))
    return {"lists": most_read_lists(queryset), "category": category}


@register.inclusion_tag("reads/admin_panel.html")
def reads_admin_panel(article):
    """The "Lectures" box of an article's admin page: the total shown to readers and the
    daily curve of the last 30 days (an SVG whose template escapes every label)."""
    if article is None or article.pk is None:
        return {"article": None}
    # reads_chart_svg's contract: safe HTML (its template escapes the labels).
    total = french_number(displayed_reads(article))
    return {"article": article, "total": total, "chart": mark_safe(reads_chart_svg(article))}
