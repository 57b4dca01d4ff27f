"""axe-core on the public pages: no serious or critical violation, on a phone and a desktop."""

import pytest
from django.urls import reverse

from newsroom.ads import ensure_demo_campaign
from tests.articles.test_views import rich_article
from tests.browser.pages import public_pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def urls(live_server):
    ensure_demo_campaign()
    article = rich_article()
    pages = {**public_pages(article), "search": reverse("site:search") + "?q=tram"}
    return {name: live_server.url + path for name, path in pages.items()}


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.response["testEngine"]["name"] == "axe-core"  # axe really ran
    return [
        f"{v['id']} ({v['impact']}): {v['help']} → {[node['target'] for node in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize(
    "viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 900}], ids=["phone", "desktop"]
)
def test_public_pages_have_no_serious_accessibility_violation(urls, page, viewport):
    page.set_viewport_size(viewport)
    problems = {}
    for name, url in urls.items():
        page.goto(url)
        found = serious_violations(page)
        if found:
            problems[name] = found
    assert problems == {}


def test_closing_the_ad_moves_focus_out_of_the_hidden_box(urls, page):
    page.goto(urls["article"])
    page.get_by_role("button", name="Fermer la publicité").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_text_fits_a_360px_phone_without_horizontal_scroll(urls, page):
    page.set_viewport_size({"width": 360, "height": 740})
    for name in ("home", "section", "article"):
        page.goto(urls[name])
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
