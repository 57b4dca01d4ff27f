"""Ad services: what a placement shows now, and the demo campaign."""

from datetime import timedelta

from django.utils import timezone

from .models import AdCampaign, AdPlacement

TOP_SLOT = "haut-de-page"


def ad_for_placement(slug, *, now=None):
    """The running campaign of a placement, or None (then no box is drawn at all)."""
    return AdCampaign.objects.for_placement(slug, now=now)


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
