"""Ad services: what a placement shows now, and the demo campaign."""

from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from common import tagcache

from .cache import seconds_until_next_publication
from .models import AdCampaign, AdPlacement

TOP_SLOT = "haut-de-page"


def ad_for_placement(slug, *, now=None):
    """The running campaign of a placement, or None (then no box is drawn at all)."""
    return AdCampaign.objects.for_placement(slug, now=now)


def ad_slot_html(slug) -> str:
    """The slot as every page draws it ("" when no campaign runs).

    Every page build draws the slot: it is kept rendered in the cache under the ``ads``
    tag (which any change to a campaign or a placement bumps, ``newsroom/invalidation.py``)
    until public pages next change by themselves (a campaign starting or ending among
    them). Asking the database and rendering cost 3.2 ms of CPU per page build against
    well under a millisecond kept (bench/README.md, issue 15)."""

    def seconds():
        # Until public pages next change by themselves (a campaign's start or end among
        # them): the schedule the page cache keeps, usually without a query.
        until_next = seconds_until_next_publication()
        limit = getattr(settings, "PAGE_CACHE_SECONDS", 300)
        return limit if until_next is None else min(limit, until_next - 1)

    def build():
        return render_to_string("includes/ad_slot.html", {"campaign": ad_for_placement(slug), "slot": slug})

    return tagcache.kept(f"ad-slot-html:{slug}", {"ads"}, build, seconds=seconds)


def ensure_demo_campaign(*, now=None):
    """The top placement and one year-long demo campaign; running it twice changes nothing."""
    now = now or timezone.now()
    placement, _ = AdPlacement.objects.get_or_create(
        slug=TOP_SLOT, defaults={"name": "Bandeau en haut de page", "height": 120}
    )
    campaign, _ = AdCampaign.objects.get_or_create(
        placement=placement,
        name="Démonstration : marché des producteurs",
        defaults={
            "advertiser": "Marché des producteurs du Grésivaudan",
            "headline": "Le marché des producteurs, chaque samedi matin",
            "text": "Fruits, fromages et pains de nos vallées, place de la Mairie.",
            "target_url": "https://example.org/marche-des-producteurs",
            "starts_at": now - timedelta(days=1),
            "ends_at": now + timedelta(days=365),
        },
    )
    return campaign
