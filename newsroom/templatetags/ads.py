from django import template

from newsroom.ads import ad_for_placement

register = template.Library()


@register.inclusion_tag("includes/ad_slot.html")
def ad_slot(slug):
    """The ad of a placement, or nothing at all when no campaign is running."""
    return {"campaign": ad_for_placement(slug), "slot": slug}
