"""French presentation helpers: typography and dates as a French newspaper prints them."""

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from common.french import day_month, french_datetime, french_number, hour_minute
from newsroom.typography import french_typography

register = template.Library()


@register.filter(is_safe=True)
def typo(value):
    """French spacing for plain text (escaped first) or for already safe HTML.

    Plain text is escaped before typesetting, so ``{{ article.title|typo }}`` is as
    safe as ``{{ article.title }}``; safe HTML (a sanitised body) keeps its markup.
    """
    if value is None:
        return ""
    return mark_safe(french_typography(str(conditional_escape(value))))


@register.filter
def date_fr(value, now=None):
    """ "le 29 juin 2014"; for today's articles "le 29 juin 2014 à 14 h 05" (Paris time)."""
    if not value:
        return ""
    text = f"le {day_month(value)}"
    today = timezone.localdate(now) if now else timezone.localdate()
    if timezone.localtime(value).date() == today:
        text += f" à {hour_minute(value)}"
    return text


@register.filter
def date_fr_long(value):
    """Always with the time: "le 29 juin 2014 à 14 h 05" (update and correction notes)."""
    return french_datetime(value)


@register.filter
def number_fr(value):
    """ "2 239": thousands grouped with narrow no-break spaces."""
    try:
        return french_number(int(value))
    except (TypeError, ValueError):
        return value


@register.filter
def iso(value):
    """Machine-readable date for <time datetime> and structured data."""
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")
