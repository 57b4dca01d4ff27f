"""A reader's journey on a phone: home, a headline, the whole article, the ad closed."""

import pytest

from newsroom.ads import ensure_demo_campaign
from tests.articles.test_views import rich_article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server):
    ensure_demo_campaign()
    article = rich_article()
    return live_server, article


def test_reader_opens_a_headline_reads_every_part_and_closes_the_ad(site, page):
    server, article = site
    page.goto(server.url + "/")
    page.get_by_role("link", name=article.title.replace(" : ", "\u202f: ").replace(" !", "\u202f!")).first.click()
    page.wait_for_url(f"**{article.get_absolute_url()}")

    # The ten parts of the reference page.
    ad = page.locator('[data-ad-slot="haut-de-page"]')
    assert ad.get_by_role("button", name="Fermer la publicité").is_visible()
    h1 = page.locator("h1")
    assert h1.count() == 1 and "Le tram E prolongé" in h1.inner_text()
    dateline = page.locator(".dateline")
    assert "Isère" in dateline.text_content() and "article lu 0 fois" in dateline.text_content()
    assert dateline.locator('a[rel="author"]').count() == 2
    assert page.get_by_role("navigation", name="Fil d'Ariane").is_visible()
    assert page.locator("figure.article__photo figcaption").inner_text().endswith("(D.R.)")
    assert page.locator(".article__standfirst").is_visible()
    assert page.locator(".article__body h2").inner_text() == "Un chantier attendu"
    assert page.locator(".article__signature").is_visible()
    assert page.locator("aside.box").count() == 2
    assert page.get_by_role("heading", name="À lire également").is_visible()
    assert page.locator("#reagir").count() == 1

    # Closing the ad keeps its space: the headline does not move.
    before = h1.bounding_box()
    ad.get_by_role("button", name="Fermer la publicité").click()
    assert not ad.locator(".ad").is_visible()
    after = h1.bounding_box()
    assert after == before

    # The ad stays closed for the rest of the visit.
    page.reload()
    assert not page.get_by_role("button", name="Fermer la publicité").is_visible()
    assert page.locator("h1").is_visible()


def test_page_loads_no_resource_from_elsewhere_and_runs_without_csp_errors(site, page):
    server, article = site
    requests, console_errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.goto(server.url + article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    foreign = [url for url in requests if not url.startswith(server.url) and not url.startswith("data:")]
    assert foreign == []
    assert [error for error in console_errors if "Content Security Policy" in error] == []
