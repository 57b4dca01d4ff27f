"""French presentation helpers: typography and dates as a French newspaper prints them."""

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from newsroom.typography import french_typography

register = template.Library()

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


@register.filter(is_safe=True)
def typo(value):
    """French spacing for plain text (escaped first) or for already safe HTML.

    Plain text is escaped before typesetting, so ``{{ article.title|typo }}`` is as
    safe as ``{{ article.title }}``; safe HTML (a sanitised body) keeps its markup.
    """
    if value is None:
        return ""
    return mark_safe(french_typography(str(conditional_escape(value))))


def _day(value):
    return "1er" if value.day == 1 else str(value.day)


@register.filter
def date_fr(value, now=None):
    """ "le 29 juin 2014"; for today's articles "le 29 juin 2014 à 14 h 05" (Paris time)."""
    if not value:
        return ""
    local = timezone.localtime(value)
    text = f"le {_day(local)} {MONTHS[local.month - 1]} {local.year}"
    today = timezone.localdate(now) if now else timezone.localdate()
    if local.date() == today:
        text += f" à {local.hour}\u00a0h\u00a0{local.minute:02d}"
    return text


@register.filter
def date_fr_long(value):
    """Always with the time: "le 29 juin 2014 à 14 h 05" (update and correction notes)."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"le {_day(local)} {MONTHS[local.month - 1]} {local.year} à {local.hour}\u00a0h\u00a0{local.minute:02d}"


@register.filter
def iso(value):
    """Machine-readable date for <time datetime> and structured data."""
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")
