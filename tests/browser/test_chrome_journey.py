"""The menu on a phone, with the keyboard and without JavaScript; the ad closed across tabs."""

import pytest

from newsroom.ads import ensure_demo_campaign
from tests.articles.test_views import rich_article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server):
    ensure_demo_campaign()
    return live_server, rich_article()


def test_phone_menu_is_a_disclosure_usable_with_the_keyboard(site, page):
    server, article = site
    page.goto(server.url + "/")
    nav = page.get_by_role("navigation", name="Rubriques")
    toggle = nav.get_by_role("button", name="Rubriques")
    section_link = nav.get_by_role("link", name=article.category.name)
    assert toggle.get_attribute("aria-expanded") == "false" and not section_link.is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and section_link.is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not section_link.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('menu__toggle')")
    toggle.click()
    section_link.click()
    page.wait_for_url(f"**{article.category.get_absolute_url()}")


def test_without_javascript_the_whole_menu_shows(site, browser):
    server, article = site
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server.url + "/")
    nav = page.get_by_role("navigation", name="Rubriques")
    assert nav.get_by_role("link", name=article.category.name).is_visible()
    assert not nav.locator(".menu__toggle").is_visible()
    context.close()


def test_desktop_menu_shows_every_region_and_section(site, browser):
    server, article = site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url + "/")
    nav = page.get_by_role("navigation", name="Rubriques")
    assert not nav.locator(".menu__toggle").is_visible()
    assert nav.get_by_role("link", name=article.category.parent.name).is_visible()
    assert nav.get_by_role("link", name=article.category.name).is_visible()
    context.close()


def test_a_closed_ad_stays_closed_in_another_tab_of_the_visit(site, page):
    server, article = site
    page.goto(server.url + "/")
    page.get_by_role("button", name="Fermer la publicité").click()
    other_tab = page.context.new_page()
    other_tab.goto(server.url + article.get_absolute_url())
    assert other_tab.locator("h1").is_visible()
    assert not other_tab.get_by_role("button", name="Fermer la publicité").is_visible()


def test_the_ad_comes_back_once_the_visit_is_over(site, page):
    server, _article = site
    page.goto(server.url + "/")
    page.get_by_role("button", name="Fermer la publicité").click()
    # 30 minutes without a page view end the visit: age the stored mark past its end.
    page.evaluate(
        """() => {
        const slots = JSON.parse(localStorage.getItem("newsroom:ads-closed"));
        for (const slot in slots) slots[slot] = Date.now() - 1000;
        localStorage.setItem("newsroom:ads-closed", JSON.stringify(slots));
    }"""
    )
    page.reload()
    assert page.get_by_role("button", name="Fermer la publicité").is_visible()
