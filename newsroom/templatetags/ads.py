from django import template

from newsroom.ads import ad_slot_html

register = template.Library()


@register.simple_tag
def ad_slot(slug):
    """The ad of a placement, or nothing at all when no campaign is running."""
    return ad_slot_html(slug)
