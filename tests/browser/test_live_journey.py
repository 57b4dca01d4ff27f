"""A live, as a journalist and a reader live it: Ctrl+Enter in the admin's quick form
publishes; an open reader's page offers the new post by itself ("1 nouveau message"),
without moving the text under the reader's eyes nor taking their focus."""

import pytest
from django.urls import reverse

from articles.models import Article
from live import services
from live.models import LivePost
from tests.factories import ArticleFactory, AuthorFactory, journalist

pytestmark = pytest.mark.django_db(transaction=True)

# Sums the layout shifts not caused by the reader's input (CLS) from the page's start.
WATCH_SHIFTS = """
window.__shifts = 0;
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) { if (!entry.hadRecentInput) window.__shifts += entry.value; });
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture
def live_world(settings):
    settings.LIVE_POLL_SECONDS = 1
    settings.LIVE_POLL_MAX_AGE = 0
    reporter = journalist(username="reporter", first_name="Claire", last_name="Vernet")
    live = ArticleFactory(
        title="Crue de l'Isère en direct",
        live=Article.Live.RUNNING,
        authors=[AuthorFactory(name="Claire Vernet", user=reporter)],
    )
    services.live_post_add(article=live, user=reporter, body="<p>Ouverture du direct.</p>")
    return live, reporter


def test_ctrl_enter_publishes_from_the_quick_form(live_server, page, live_world):
    live, reporter = live_world
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", reporter.username)
    page.fill("#id_password", "demo-newsroom")
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:live_desk", args=[live.pk]))
    editor = page.locator("[data-live-quick-form] .ProseMirror")
    editor.click()
    page.keyboard.type("Les pompiers évacuent le quai Perrière.")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    assert page.locator(".messagelist").inner_text().strip() == "Message publié."
    post = LivePost.objects.latest("created_at")
    assert post.text == "Les pompiers évacuent le quai Perrière." and post.posted_by == reporter
    assert LivePost.objects.count() == 2  # one press, one post


def test_an_open_page_offers_the_new_post_without_shift_nor_focus_theft(live_server, page, live_world):
    live, reporter = live_world
    page.add_init_script(WATCH_SHIFTS)
    page.goto(live_server.url + live.get_absolute_url())
    page.locator("[data-live-auto]").wait_for(state="visible")
    page.wait_for_timeout(1500)  # the first polls: nothing new, nothing shown
    assert page.locator("[data-live-show]").is_hidden()
    # The reader is reading: focus on a link of the text.
    page.locator(".live-post__body").first.click()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML")
    page.evaluate("window.__shifts = 0")  # from here: what the live itself does

    services.live_post_add(article=live, user=reporter, body="<p>La décrue commence.</p>")

    button = page.locator("[data-live-show]")
    button.wait_for(state="visible", timeout=10_000)
    assert button.inner_text() == "Afficher 1 nouveau message"
    assert page.locator(".live__status").inner_text() == "1 nouveau message"
    assert page.locator("[data-live-posts]").inner_text().count("La décrue commence.") == 0
    assert page.evaluate("document.activeElement.outerHTML") == focused
    assert page.evaluate("window.__shifts") == 0

    button.click()
    newest = page.locator("[data-live-posts] > li").first
    assert "La décrue commence." in newest.inner_text()
    assert page.evaluate("document.activeElement.getAttribute('data-post')") == newest.get_attribute("data-post")
    assert button.is_hidden()


def test_a_deleted_post_leaves_the_open_page_and_the_end_stops_it(live_server, page, live_world):
    live, reporter = live_world
    wrong = services.live_post_add(article=live, user=reporter, body="<p>Information erronée.</p>")
    page.goto(live_server.url + live.get_absolute_url())
    page.get_by_text("Information erronée.").wait_for()
    services.live_post_delete(post=wrong, user=reporter)
    page.get_by_text("Information erronée.").wait_for(state="detached", timeout=10_000)
    services.live_set_state(article=live, user=reporter, state=Article.Live.ENDED)
    page.locator("[data-live-auto]", has_text="Ce direct est terminé.").wait_for(timeout=10_000)
    assert page.locator(".live__status").inner_text() == "Ce direct est terminé."
    assert page.locator("#direct .live-badge").inner_text().lower() == "direct terminé"


def test_a_first_visit_on_a_phone_does_not_shift_the_page(live_server, page, live_world):
    """The menu's button shows from the first paint (it once pushed the page down by 44 px
    on a first visit, before the script had run)."""
    live, _reporter = live_world
    page.add_init_script(WATCH_SHIFTS)
    page.goto(live_server.url + live.get_absolute_url())
    page.wait_for_timeout(1000)
    assert page.evaluate("window.__shifts") == 0
    assert page.locator(".menu__toggle").is_visible()
