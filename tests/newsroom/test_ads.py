"""Ad placements and campaigns: a box only while a campaign runs, closable, dated."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from newsroom.ads import TOP_SLOT, ad_for_placement, ad_slot_html, ensure_demo_campaign
from newsroom.models import AdCampaign, AdPlacement
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def campaign(**kwargs):
    placement, _ = AdPlacement.objects.get_or_create(slug=TOP_SLOT, defaults={"name": "Haut", "height": 130})
    now = timezone.now()
    values = dict(
        placement=placement,
        name="Salon du livre",
        advertiser="Ville",
        headline="Le salon du livre ouvre samedi",
        target_url="https://example.org/salon",
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=1),
    )
    values.update(kwargs)
    return AdCampaign.objects.create(**values)


def test_running_campaign_shows_a_closable_box_with_reserved_height(client):
    campaign()
    html = client.get("/").content.decode()
    assert "Le salon du livre ouvre samedi" in html
    assert '<button class="ad__close" type="button" data-ad-close>Fermer la publicité</button>' in html
    assert 'style="--ad-height: 130px"' in html
    assert 'aria-label="Publicité"' in html


def test_no_campaign_no_box(client):
    AdPlacement.objects.create(slug=TOP_SLOT, name="Haut")
    html = client.get("/").content.decode()
    assert "Fermer la publicité" not in html
    assert "data-ad-slot" not in html


@pytest.mark.parametrize(
    "dates",
    [
        {"starts_at": timezone.now() + timedelta(days=1), "ends_at": timezone.now() + timedelta(days=2)},
        {"starts_at": timezone.now() - timedelta(days=2), "ends_at": timezone.now() - timedelta(days=1)},
    ],
    ids=["not-started", "ended"],
)
def test_campaign_outside_its_dates_is_not_shown(client, dates):
    campaign(**dates)
    assert "Fermer la publicité" not in client.get("/").content.decode()


def test_suspended_campaign_is_not_shown(client):
    campaign(is_active=False)
    assert ad_for_placement(TOP_SLOT) is None


def test_campaign_on_the_article_page_too(client):
    campaign()
    article = ArticleFactory()
    assert "Fermer la publicité" in client.get(article.get_absolute_url()).content.decode()


def test_highest_priority_wins():
    campaign(name="Basse", headline="Basse")
    campaign(name="Haute", headline="Haute", priority=5)
    assert ad_for_placement(TOP_SLOT).name == "Haute"


def test_campaign_must_end_after_it_starts():
    now = timezone.now()
    bad = AdCampaign(starts_at=now, ends_at=now - timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        bad.clean()
    assert "La fin de la campagne doit suivre son début." in str(error.value)
    with pytest.raises(IntegrityError):
        campaign(starts_at=now, ends_at=now - timedelta(hours=1))


def test_demo_campaign_is_idempotent_and_running(client):
    first = ensure_demo_campaign()
    second = ensure_demo_campaign()
    assert first.pk == second.pk
    assert AdCampaign.objects.count() == AdPlacement.objects.count() == 1
    assert ad_for_placement(TOP_SLOT) == first


def test_admin_lists_campaigns(client):
    from tests.factories import UserFactory

    campaign()
    client.force_login(UserFactory(is_superuser=True))
    response = client.get("/admin/newsroom/adcampaign/?diffusion=en-cours")
    assert response.status_code == 200
    assert "Salon du livre" in response.content.decode()


def test_admin_rejects_a_campaign_ending_before_it_starts(client):
    from tests.factories import UserFactory

    placement = AdPlacement.objects.create(slug="bas", name="Bas")
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(
        "/admin/newsroom/adcampaign/add/",
        {
            "placement": placement.pk,
            "name": "X",
            "advertiser": "Y",
            "is_active": "on",
            "priority": 0,
            "starts_at_0": "10/06/2026",
            "starts_at_1": "10:00",
            "ends_at_0": "09/06/2026",
            "ends_at_1": "10:00",
            "headline": "Z",
            "target_url": "https://example.org/",
        },
    )
    assert response.status_code == 200
    assert "La fin de la campagne doit suivre son début." in response.content.decode()
    assert not AdCampaign.objects.exists()


@pytest.mark.parametrize("change", ["start", "end"])
def test_a_cached_page_follows_a_campaign_start_or_end_on_time(client, time_machine, change):
    """No cron and no edit: the cached home expires at the campaign's own time."""
    time_machine.move_to(timezone.now(), tick=False)
    ArticleFactory()
    now = timezone.now()
    if change == "start":
        campaign(starts_at=now + timedelta(minutes=2), ends_at=now + timedelta(days=1))
    else:
        campaign(starts_at=now - timedelta(days=1), ends_at=now + timedelta(minutes=2))
    before = client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    time_machine.shift(timedelta(minutes=2, seconds=1))
    after = client.get("/")
    assert after["X-Page-Cache"] == "miss"
    shown = ["Le salon du livre ouvre samedi" in response.content.decode() for response in (before, after)]
    assert shown == ([False, True] if change == "start" else [True, False])


# --- Kept in the cache: every page build draws the slot -------------------------------


def test_the_slot_is_read_once_then_kept(django_assert_num_queries):
    campaign()
    first = ad_slot_html(TOP_SLOT)
    assert "Le salon du livre ouvre samedi" in first
    with django_assert_num_queries(0):
        assert ad_slot_html(TOP_SLOT) == first


def test_a_campaign_changed_or_suspended_shows_at_once():
    running = campaign(headline="Avant")
    assert "Avant" in ad_slot_html(TOP_SLOT)
    running.headline = "Après"
    running.save()
    assert "Après" in ad_slot_html(TOP_SLOT)
    running.is_active = False
    running.save()
    assert "Publicité" not in ad_slot_html(TOP_SLOT)


def test_a_campaign_starts_and_ends_on_time():
    now = timezone.now()
    campaign(starts_at=now + timedelta(minutes=1), ends_at=now + timedelta(minutes=2))
    with time_machine.travel(now, tick=False):
        assert "Publicité" not in ad_slot_html(TOP_SLOT)
    with time_machine.travel(now + timedelta(seconds=61), tick=False):
        assert "Le salon du livre ouvre samedi" in ad_slot_html(TOP_SLOT)
    with time_machine.travel(now + timedelta(seconds=121), tick=False):
        assert "Publicité" not in ad_slot_html(TOP_SLOT)
