"""The moderators' list and a reaction's page, as a moderator sees them in chromium."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Reaction
from tests.comments.conftest import make_reaction
from tests.factories import ArticleFactory, moderator

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin_settings(settings):
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.REACTIONS_QUEUE_ALERT = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(browser, live_server, width):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Nom d’utilisateur").fill("modo")
    page.get_by_label("Mot de passe").fill("demo-newsroom")
    page.get_by_role("button", name=re.compile("Connexion")).click()
    return context, page


def test_queue_at_1280_px_shows_whole_names_and_addresses(live_server, browser, admin_settings):
    moderator(username="modo", email="modo@example.org")
    article = ArticleFactory(title="Le conseil municipal vote le budget de la piscine intercommunale de Voiron")
    for n in range(3):
        make_reaction(
            article,
            state=Reaction.State.PENDING,
            name=f"Marie-Christine Delaunay-Fontaine {n}",
            email=f"marie-christine.delaunay-fontaine{n}@fournisseur-exemple.fr",
            message="Je trouve que ce projet arrive bien tard, mais il faut saluer le travail des élus "
            "qui ont porté ce dossier pendant des années malgré les obstacles. " * 2,
        )
    context, page = log_in(browser, live_server, 1280)
    page.goto(live_server.url + "/admin/comments/reaction/")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    page.screenshot(path="/tmp/comments-admin-list-1280.png", full_page=True)
    reader = page.locator("#result_list tbody td.field-commenter").first
    expect(reader).to_contain_text("Marie-Christine Delaunay-Fontaine")
    expect(reader).to_contain_text("fournisseur-exemple.fr")
    # Nothing is cut: no cell overflows, and the table needs no horizontal scrolling.
    assert reader.evaluate("el => el.scrollWidth <= el.clientWidth")
    results = page.locator("#changelist .results")
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth")
    last_column = page.locator("#result_list thead th").last
    assert last_column.evaluate("el => el.getBoundingClientRect().right <= window.innerWidth")
    context.close()


def test_moderator_approves_from_the_reaction_page(live_server, browser, admin_settings):
    moderator(username="modo", email="modo@example.org")
    article = ArticleFactory()
    reaction = make_reaction(article, state=Reaction.State.PENDING, name="Léa Martin", message="Merci pour ce suivi.")
    context, page = log_in(browser, live_server, 1280)
    page.goto(live_server.url + "/admin/comments/reaction/")
    page.locator("#result_list tbody tr", has_text="Merci pour ce suivi.").locator("th a, td a").first.click()
    expect(page.get_by_role("button", name="Approuver")).to_be_visible()
    expect(page.get_by_role("button", name="Retirer")).to_have_count(0)
    page.screenshot(path="/tmp/comments-admin-reaction-1280.png", full_page=True)
    page.get_by_role("button", name="Approuver").click()
    expect(page.locator(".messagelist")).to_contain_text(
        re.compile(r"Réaction de Léa Martin approuvée le \S+ \S+ \d{4} à")
    )
    expect(page).to_have_url(re.compile(r"/admin/comments/reaction/(\?.*)?$"))  # back to the queue
    reaction.refresh_from_db()
    assert reaction.state == Reaction.State.APPROVED
    context.close()


def test_a_reader_over_the_report_limit_is_told_why(live_server, page, admin_settings, settings):
    """With JavaScript, a refused report shows the server's French reason, not a wrong one."""
    settings.REACTIONS_REPORT_RATE_PER_NETWORK = 0
    article = ArticleFactory()
    make_reaction(article, message="Une réaction que l'on voudrait signaler")
    page.goto(live_server.url + article.get_absolute_url())
    item = page.locator(".reactions-list .reaction", has_text="Une réaction que l'on voudrait signaler")
    item.get_by_role("button", name="Signaler").click()
    item.get_by_label("Insulte").check()
    item.locator("form.reactions-report").get_by_role("button", name="Signaler").click()
    expect(item.locator(".reactions-notice")).to_contain_text("beaucoup de signalements")
