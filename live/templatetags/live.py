"""The article page pulls a live's posts in through ``{% live_feed article %}`` (articles
never imports live): the live's section, with its ``LiveBlogPosting`` JSON-LD."""

from django import template
from django.http import Http404
from django.utils import timezone

from common.french import day_month, hour_minute

from ..feed import page_number, public_page, render_page

register = template.Library()


@register.filter
def post_time(value):
    """ "14 h 05" today, "30 novembre à 22 h 40" before: a post always says its time."""
    if timezone.localtime(value).date() == timezone.localdate():
        return hour_minute(value)
    return f"{day_month(value, year=False)} à {hour_minute(value)}"


@register.simple_tag(takes_context=True)
def live_feed(context, article):
    """The live's section of its article page (the page asked by ``?page=``), with its
    structured data: rendered once per change of the live and kept for every reader
    (``feed.public_page``); a preview's is rendered for the editor, never kept."""
    request = context.get("request")
    page = page_number(request.GET.get("page") if request is not None else None)
    if page is None:
        raise Http404("Cette page du direct n'existe pas.")
    if context.get("is_preview"):
        rendered = render_page(article, page, preview=True)
    else:
        rendered = public_page(article.pk, page, article=article)
    if rendered is None:
        raise Http404("Cette page du direct n'existe pas.")
    return rendered.section
