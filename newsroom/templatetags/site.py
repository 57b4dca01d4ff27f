"""The site's chrome and la une in templates: ``{% load site %}``.

Templates of other apps (a region's page in ``articles``) reach la une through these
tags, the way the article page reaches reactions through the comments app's tag, so
that ``articles`` never imports ``newsroom``.
"""

from django import template
from django.utils import timezone

from common.french import day_month
from newsroom.chrome import site_chrome
from newsroom.frontpage import front_page_articles

register = template.Library()

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@register.simple_tag
def chrome():
    """The menu of regions and sections, the alerte info and the footer's pages."""
    return site_chrome()


@register.simple_tag
def today_fr():
    """ "mardi 1er décembre 2026", in Paris: the masthead's date."""
    today = timezone.localdate()
    return f"{WEEKDAYS[today.weekday()]} {day_month(today)}"


@register.simple_tag
def front_page(region=None):
    """La une of a region (or of the home): the lead story first, then the top stories."""
    return front_page_articles(region=region)


@register.filter
def de(name):
    """ "de" before a name, contracted as French does: "du Courrier des Alpes" for
    "Le Courrier des Alpes", "de la Gazette", "des Échos", "de l'Écho", "de Grenoble"."""
    name = str(name)
    for article, contracted in (("Le ", "du "), ("Les ", "des "), ("La ", "de la "), ("L'", "de l'"), ("L’", "de l’")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    return "de " + name
