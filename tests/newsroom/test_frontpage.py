"""La une: editors choose and order the top stories of the home and of each region."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsroom.frontpage import front_page_articles
from newsroom.models import FrontPage, FrontSlot
from tests.factories import ArticleFactory, RegionFactory, SectionFactory, editor, journalist, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    isere = RegionFactory(name="Isère", slug="isere")
    savoie = RegionFactory(name="Savoie", slug="savoie")
    sport = SectionFactory(name="Sport", slug="sport", parent=isere)
    culture = SectionFactory(name="Culture", slug="culture", parent=savoie)
    now = timezone.now()
    articles = {
        name: ArticleFactory(title=title, category=category, publish_at=now - timedelta(hours=hours))
        for name, title, category, hours in [
            ("newest", "Le plus récent", sport, 1),
            ("second", "Le deuxième", culture, 2),
            ("third", "Le troisième", sport, 3),
            ("fourth", "Le quatrième", culture, 4),
            ("fifth", "Le cinquième", sport, 5),
            ("old", "Un sujet de fond", sport, 48),
            ("older", "Une enquête au long cours", culture, 72),
        ]
    }
    return {"isere": isere, "savoie": savoie, "sport": sport, "culture": culture, **articles}


def choose(region=None, **slots):
    front, _ = FrontPage.objects.get_or_create(region=region)
    for position, article in slots.items():
        FrontSlot.objects.update_or_create(
            front_page=front, position=int(position.removeprefix("p")), defaults={"article": article}
        )
    return front


def lead_and_top(html):
    lead = html.split('class="lead-story"')[1].split("</section>")[0]
    top = html.split('class="top-stories"')[1].split("</section>")[0]
    return lead, top


def test_without_a_choice_the_une_is_the_newest(client, newsroom):
    assert front_page_articles() == [newsroom[n] for n in ("newest", "second", "third", "fourth", "fifth")]
    lead, top = lead_and_top(client.get("/").content.decode())
    assert "Le plus récent" in lead
    assert top.index("Le deuxième") < top.index("Le troisième") < top.index("Le cinquième")


def test_editors_choice_leads_and_orders_the_home(client, newsroom):
    choose(p1=newsroom["older"], p2=newsroom["old"])
    lead, top = lead_and_top(client.get("/").content.decode())
    assert "Une enquête au long cours" in lead and "Le plus récent" not in lead
    # Slot 2 as chosen, then the empty slots take the newest, in order.
    assert top.index("Un sujet de fond") < top.index("Le plus récent") < top.index("Le deuxième")
    assert "Le troisième" in top and "Le quatrième" not in top


def test_an_empty_slot_falls_back_to_the_newest(newsroom):
    choose(p3=newsroom["old"])
    une = front_page_articles()
    assert une == [newsroom["newest"], newsroom["second"], newsroom["old"], newsroom["third"], newsroom["fourth"]]


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.UNPUBLISHED},
        {"publish_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "unpublished", "scheduled"],
)
def test_a_chosen_article_that_is_not_public_leaves_its_slot_to_the_newest(client, newsroom, state):
    hidden = ArticleFactory(title="Pas encore en ligne", category=newsroom["sport"], **state)
    choose(p1=hidden)
    html = client.get("/").content.decode()
    assert "Pas encore en ligne" not in html
    lead, _top = lead_and_top(html)
    assert "Le plus récent" in lead


def test_the_une_never_repeats_itself_in_the_region_blocks(client, newsroom):
    choose(p1=newsroom["older"])
    html = client.get("/").content.decode()
    assert html.count("Une enquête au long cours</a>") == 1
    regions = html.split('class="layout-main regions-grid"')[1].split('class="layout-aside"')[0]
    assert "Le plus récent" not in regions  # in la une already
    assert "Un sujet de fond" in regions


def test_a_region_page_has_its_own_une(client, newsroom):
    choose(region=newsroom["isere"], p1=newsroom["old"])
    html = client.get(newsroom["isere"].get_absolute_url()).content.decode()
    lead, top = lead_and_top(html)
    assert "Un sujet de fond" in lead
    assert "Le plus récent" in top and "Le deuxième" not in top  # Savoie's stays on Savoie's page
    # The home is not touched by a region's choice.
    home_lead, _ = lead_and_top(client.get("/").content.decode())
    assert "Le plus récent" in home_lead


def test_a_region_une_holds_only_the_regions_articles(newsroom):
    front = FrontPage.objects.create(region=newsroom["isere"])
    with pytest.raises(ValidationError) as error:
        FrontSlot(front_page=front, position=1, article=newsroom["second"]).full_clean()
    assert "Choisissez un article de la région Isère" in str(error.value)


def test_a_section_has_no_une(newsroom):
    with pytest.raises(ValidationError):
        FrontPage(region=newsroom["sport"]).full_clean()


def test_one_une_per_page(newsroom):
    FrontPage.objects.create()
    FrontPage.objects.create(region=newsroom["isere"])
    with pytest.raises(ValidationError):
        FrontPage(region=None).validate_constraints()


def test_a_change_of_une_shows_at_once_on_cached_pages(client, newsroom):
    for url in ("/", newsroom["isere"].get_absolute_url()):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    choose(p1=newsroom["older"])
    choose(region=newsroom["isere"], p1=newsroom["old"])
    home = client.get("/")
    assert home["X-Page-Cache"] == "miss"
    assert "Une enquête au long cours" in lead_and_top(home.content.decode())[0]
    region = client.get(newsroom["isere"].get_absolute_url()).content.decode()
    assert "Un sujet de fond" in lead_and_top(region)[0]


def test_editors_set_the_une_in_the_admin(client, newsroom):
    client.force_login(editor())
    response = client.post(
        reverse("admin:newsroom_frontpage_add"),
        {
            "region": "",
            "slots-TOTAL_FORMS": "2",
            "slots-INITIAL_FORMS": "0",
            "slots-MIN_NUM_FORMS": "0",
            "slots-MAX_NUM_FORMS": "5",
            "slots-0-position": "1",
            "slots-0-article": str(newsroom["older"].pk),
            "slots-1-position": "2",
            "slots-1-article": str(newsroom["old"].pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert front_page_articles()[:2] == [newsroom["older"], newsroom["old"]]


def test_the_admin_refuses_a_region_une_with_another_regions_article(client, newsroom):
    client.force_login(editor())
    response = client.post(
        reverse("admin:newsroom_frontpage_add"),
        {
            "region": str(newsroom["isere"].pk),
            "slots-TOTAL_FORMS": "1",
            "slots-INITIAL_FORMS": "0",
            "slots-MIN_NUM_FORMS": "0",
            "slots-MAX_NUM_FORMS": "5",
            "slots-0-position": "1",
            "slots-0-article": str(newsroom["second"].pk),
        },
    )
    assert response.status_code == 200
    assert "Choisissez un article de la région Isère" in response.content.decode()
    assert not FrontSlot.objects.exists()


@pytest.mark.parametrize(
    ("make_user", "allowed"),
    [(editor, True), (journalist, False), (moderator, False)],
    ids=["editor", "journalist", "moderator"],
)
@pytest.mark.parametrize("model", ["frontpage", "breakingnews", "sitepage"])
def test_only_editors_run_the_une_the_alerts_and_the_pages(client, make_user, allowed, model):
    client.force_login(make_user())
    for view in ("changelist", "add"):
        status = client.get(reverse(f"admin:newsroom_{model}_{view}")).status_code
        assert status == (200 if allowed else 403), (model, view)
    index = client.get(reverse("admin:index")).content.decode()
    assert (f"/admin/newsroom/{model}/" in index) is allowed
