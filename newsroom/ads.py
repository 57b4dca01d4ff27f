"""Ad services: what a placement shows now, and the demo campaign."""

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from common import tagcache

from .cache import seconds_until_next_publication
from .models import AdCampaign, AdPlacement

TOP_SLOT = "haut-de-page"


def ad_for_placement(slug, *, now=None):
    """The running campaign of a placement, or None (then no box is drawn at all).

    Every page build draws the slot: the answer is kept in the cache under the ``ads``
    tag (which any change to a campaign or a placement bumps, ``newsroom/invalidation.py``)
    until public pages next change by themselves (a campaign starting or ending among
    them). The query cost 1.9 ms of CPU per page build,
    a tenth of an article's (bench/README.md, issue 15). With ``now`` given, the
    database is asked."""
    if now is not None:
        return AdCampaign.objects.for_placement(slug, now=now)
    key = f"ad-slot:{slug}"
    entry = cache.get(key)
    if entry is not None and entry["until"] > time.time() and tagcache.tag_versions({"ads"}) == entry["versions"]:
        return entry["campaign"]
    sequence = tagcache.sequence()
    campaign = AdCampaign.objects.for_placement(slug)
    # Until public pages next change by themselves (a campaign's start or end among them):
    # the schedule the page cache keeps, usually without a query.
    seconds = getattr(settings, "PAGE_CACHE_SECONDS", 300)
    until_next = seconds_until_next_publication()
    if until_next is not None:
        seconds = min(seconds, until_next - 1)
    if sequence is not None and seconds > 0:
        versions = tagcache.tag_versions({"ads"})
        if tagcache.sequence() == sequence:  # nothing invalidated while the row was read
            entry = {"campaign": campaign, "versions": versions, "until": time.time() + seconds}
            cache.set(key, entry, int(seconds) + 1)
    return campaign


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
