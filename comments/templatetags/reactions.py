"""The article page pulls reader reactions in through these tags (articles never imports comments)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def reactions_section(context, article):
    """The "Réagir à cet article" region: form and approved reactions (reactions issue)."""
    return ""


@register.simple_tag
def reactions_count(article):
    """Number of approved reactions, for the dateline and lists (reactions issue)."""
    return ""
