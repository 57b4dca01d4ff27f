"""A reader reacts, a moderator approves from the admin queue, the reader sees it published."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import ModerationWord, Reaction
from tests.factories import ArticleFactory, moderator

pytestmark = pytest.mark.django_db(transaction=True)

MESSAGE = "Enfin une piste cyclable sur les quais, merci pour ce suivi !"


@pytest.fixture
def journey_settings(settings):
    settings.REACTIONS_FORM_MIN_SECONDS = 0  # the robot check would otherwise make the test wait
    settings.REACTIONS_QUEUE_ALERT = 0
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def post_reaction(page, url, *, email="lea@example.org"):
    page.goto(url)
    section = page.locator("#reactions")
    expect(section.get_by_role("heading", name="Réagir à cet article")).to_be_visible()
    section.get_by_label("Nom").fill("Léa Martin")
    section.get_by_label("E-mail").fill(email)
    section.get_by_label("Message").fill(MESSAGE)
    section.get_by_role("button", name="Envoyer ma réaction").click()
    return section


def test_reader_posts_moderator_approves_reader_sees_it(live_server, page, browser, journey_settings):
    ModerationWord.objects.all().delete()
    article = ArticleFactory(title="Une piste cyclable sur les quais de l'Isère")
    moderator(username="modo", email="modo@example.org")
    article_url = live_server.url + article.get_absolute_url()

    # The reader posts (with JavaScript: the answer comes in place).
    section = post_reaction(page, article_url)
    expect(section.get_by_text("Merci\u202f! Votre réaction sera publiée après modération.")).to_be_visible()
    expect(page).to_have_url(article_url)  # answered in place by static/js/reactions.js
    expect(section.locator(".reactions-list")).not_to_contain_text(MESSAGE)
    assert Reaction.objects.get().state == Reaction.State.PENDING

    # The moderator logs into the admin and approves it from the queue.
    admin_context = browser.new_context(locale="fr-FR")
    admin = admin_context.new_page()
    admin.set_default_timeout(10_000)
    admin.goto(live_server.url + "/admin/")
    admin.get_by_label("Nom d’utilisateur").fill("modo")
    admin.get_by_label("Mot de passe").fill("demo-newsroom")
    admin.get_by_role("button", name=re.compile("Connexion")).click()
    expect(admin.locator(".reactions-queue")).to_contain_text("1 réaction attend une modération")
    admin.locator(".reactions-queue a").click()
    row = admin.locator("#result_list tbody tr", has_text="Enfin une piste cyclable")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(article.title)
    row.locator("input.action-select").check()
    admin.locator("select[name=action]").select_option("approve")
    admin.locator("button[name=index]").click()
    expect(admin.locator(".messagelist")).to_contain_text("1 réaction(s) approuvée(s).")
    admin_context.close()

    # The reader reloads the article and sees the reaction, with a name and a French date.
    page.reload()
    item = page.locator(".reactions-list .reaction", has_text=MESSAGE)
    expect(item).to_be_visible()
    expect(item).to_contain_text("Léa Martin")
    expect(item).not_to_contain_text("lea@example.org")
    expect(page.locator(".dateline")).to_contain_text("1\u00a0réaction")


def test_without_javascript_the_form_posts_and_redirects(live_server, browser, journey_settings):
    ModerationWord.objects.all().delete()
    article = ArticleFactory()
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    post_reaction(page, live_server.url + article.get_absolute_url())
    expect(page).to_have_url(re.compile(r"\?reaction=merci#reactions$"))
    expect(page.locator(".reactions-notice")).to_have_text("Merci\u202f! Votre réaction sera publiée après modération.")
    assert Reaction.objects.count() == 1
    context.close()


def test_errors_are_shown_next_to_fields_with_javascript(live_server, page, journey_settings):
    article = ArticleFactory()
    article_url = live_server.url + article.get_absolute_url()
    section = post_reaction(page, article_url, email="lea@")
    expect(section.locator('[data-errors-for="email"]')).to_have_text("Adresse e-mail non valide")
    expect(section.get_by_label("Message")).to_have_value(MESSAGE)
    expect(page).to_have_url(article_url)
    assert Reaction.objects.count() == 0
