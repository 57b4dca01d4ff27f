from django import template

from articles.reads import displayed_reads

register = template.Library()


@register.simple_tag
def read_count(article):
    """The read counter as readers see it: ``article lu {% read_count article %} fois``."""
    return displayed_reads(article)
