"""An embed reaches its provider only after the reader's click (CNIL), then plays in a frame."""

from urllib.parse import urlsplit

import pytest

from tests.articles.test_views import rich_article

pytestmark = pytest.mark.django_db(transaction=True)

EMBEDS = [
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://www.dailymotion.com/video/x8abcd1",
    "https://vimeo.com/76979871",
    "https://x.com/PrefetIsere/status/1864000000000000000",
    "https://www.instagram.com/p/C0abcDEF123/",
    "https://www.facebook.com/VilledeGrenoble/posts/pfbid0abc",
    "https://www.openstreetmap.org/#map=15/45.18800/5.72400",
]


@pytest.fixture
def article(live_server):
    body = "<h2>Les images du jour</h2>" + "".join(f"<p>{url}</p>" for url in EMBEDS)
    return live_server, rich_article(body=body)


def test_no_request_leaves_for_a_provider_before_the_click_and_the_frame_comes_after(article, page):
    server, article = article
    attempted = []
    page.on("request", lambda request: attempted.append(request.url))
    page.goto(server.url + article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 5000)  # lazy parts come into view: still nothing from elsewhere
    page.wait_for_timeout(300)
    local = urlsplit(server.url).netloc
    assert [url for url in attempted if urlsplit(url).netloc != local] == []
    placeholders = page.locator("[data-embed]")
    assert placeholders.count() == len(EMBEDS)
    assert page.locator("iframe").count() == 0
    first = placeholders.first
    first.scroll_into_view_if_needed()
    assert "YouTube" in first.inner_text() and "cookies" in first.inner_text()

    first.get_by_role("button", name="Charger la vidéo").click()
    frame = page.locator("iframe.embed__frame")
    assert frame.count() == 1
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert frame.get_attribute("title") == "La vidéo YouTube"
    page.wait_for_timeout(500)
    elsewhere = {urlsplit(url).netloc for url in attempted if urlsplit(url).netloc != local}
    assert elsewhere == {"www.youtube-nocookie.com"}  # asked (offline here), and only it
