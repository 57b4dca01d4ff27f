"""What readers get of a live: the page (with or without JavaScript), the poll, the badge
on lists, the structured data; and what the poll never does (count a read)."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from live import feed, services
from live.models import LivePost
from reads import services as reads
from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def poll_url(article):
    return reverse("live:updates", kwargs={"article_id": article.pk})


def live_section(html):
    start = html.index('<section class="live"')
    return html[start : html.index("</section>", html.index("data-live-posts", start))]


def post(live, user, text, **kwargs):
    return services.live_post_add(article=live, user=user, body=f"<p>{text}</p>", **kwargs)


def test_the_page_shows_posts_newest_first_with_key_posts_on_top(client, live, reporter):
    post(live, reporter, "Premier message")
    post(live, reporter, "Les quais sont fermés", pinned=True)
    post(live, reporter, "Dernier message")
    html = client.get(live.get_absolute_url()).content.decode()
    section = live_section(html)
    assert section.index("Dernier message") < section.index("Premier message")
    assert section.index("L’essentiel") < section.index("Dernier message")
    assert section.count("Les quais sont fermés") == 2  # in the key posts and in its place
    assert "Claire Vernet" in section
    assert f'data-live-url="{poll_url(live)}"' in html
    assert 'role="status" aria-live="polite"' in html


def test_a_new_post_shows_on_reload_even_from_the_page_cache(client, live, reporter):
    url = live.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    post(live, reporter, "Le pic est passé")
    assert "Le pic est passé" in client.get(url).content.decode()


def test_a_deleted_post_disappears_from_the_page_and_the_poll(client, live, reporter):
    kept = post(live, reporter, "Message maintenu")
    gone = post(live, reporter, "Message erroné")
    client.get(live.get_absolute_url())
    services.live_post_delete(post=gone, user=reporter)
    for url in (live.get_absolute_url(), poll_url(live)):
        html = client.get(url).content.decode()
        assert "Message erroné" not in html and kept.text in html


def test_the_poll_answers_304_until_something_changes(client, live, reporter):
    post(live, reporter, "Un")
    first = client.get(poll_url(live))
    assert first.status_code == 200
    assert first["Cache-Control"] == f"public, max-age={5}"
    etag = first["ETag"]
    again = client.get(poll_url(live), headers={"if-none-match": etag})
    assert again.status_code == 304 and again["ETag"] == etag
    post(live, reporter, "Deux")
    changed = client.get(poll_url(live), headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Deux" in changed.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        lambda p, u: services.live_post_edit(post=p, user=u, body="<p>Corrigé</p>"),
        lambda p, u: services.live_post_pin(post=p, user=u, pinned=True),
        lambda p, u: services.live_post_delete(post=p, user=u),
        lambda p, u: services.live_set_state(article=p.article, user=u, state=Article.Live.ENDED),
    ],
    ids=["edit", "pin", "delete", "end"],
)
def test_every_change_moves_the_etag(client, live, reporter, change):
    first = post(live, reporter, "Un")
    etag = client.get(poll_url(live))["ETag"]
    change(first, reporter)
    assert client.get(poll_url(live), headers={"if-none-match": etag}).status_code == 200


def test_the_poll_asks_the_database_nothing_between_two_changes(client, live, reporter, django_assert_num_queries):
    post(live, reporter, "Un")
    etag = client.get(poll_url(live))["ETag"]
    with django_assert_num_queries(0):
        assert client.get(poll_url(live), headers={"if-none-match": etag}).status_code == 304
        assert client.get(poll_url(live))["ETag"] == etag
    post(live, reporter, "Deux")
    assert client.get(poll_url(live), headers={"if-none-match": etag}).status_code == 200


def test_a_live_unpublished_stops_answering_its_poll(client, live, reporter):
    post(live, reporter, "Un")
    assert client.get(poll_url(live)).status_code == 200
    live.status = type(live).Status.DRAFT
    live.save()
    assert client.get(poll_url(live)).status_code == 404


def test_the_page_of_a_live_costs_a_fixed_number_of_queries(client, live, reporter, django_assert_max_num_queries):
    for n in range(40):
        post(live, reporter, f"Message {n}", pinned=n % 10 == 0)
    with django_assert_max_num_queries(20) as counted:
        client.get(live.get_absolute_url())
    page_queries = len(counted)
    post(live, reporter, "Encore un")
    with django_assert_max_num_queries(page_queries):
        client.get(live.get_absolute_url())


def test_a_change_is_rendered_once_for_the_page_and_the_poll(client, live, reporter, django_assert_num_queries):
    post(live, reporter, "Un")
    client.get(live.get_absolute_url())
    post(live, reporter, "La digue tient")
    page = client.get(live.get_absolute_url()).content.decode()
    with django_assert_num_queries(0):  # the page's build rendered it: the poll takes it
        poll = client.get(poll_url(live))
    assert poll.status_code == 200
    posts = poll.content.decode().split("\n", 1)[1].rsplit("</div>", 1)[0].strip()
    assert "La digue tient" in posts and posts in page
    version = re.search(r'data-live-version="(\w+)"', page)[1]
    assert poll["ETag"] == f'"live-{version}"'


def test_a_page_built_after_the_poll_renders_no_post(client, live, reporter, django_assert_max_num_queries):
    post(live, reporter, "Un")
    with django_assert_max_num_queries(30) as rendering:
        client.get(live.get_absolute_url())
    rendered = len(rendering)  # counted before the next request resets the connection's log
    post(live, reporter, "La digue tient")
    client.get(poll_url(live))  # the first reader to poll after the post renders it
    with django_assert_max_num_queries(rendered - 3) as taking:
        html = client.get(live.get_absolute_url()).content.decode()
    assert "La digue tient" in html
    assert not any("live_livepost" in query["sql"] for query in taking.captured_queries)


def test_the_structured_data_follows_the_article(client, live, reporter):
    post(live, reporter, "Un")
    client.get(live.get_absolute_url())
    live.title = "Crue de l'Isère : la décrue commence"
    live.save()
    html = client.get(live.get_absolute_url()).content.decode()
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    data = next(block for block in blocks if block["@type"] == "LiveBlogPosting")
    assert data["headline"] == "Crue de l'Isère : la décrue commence"


def test_polls_are_never_counted_as_reads(client, live, reporter):
    post(live, reporter, "Un")
    assert client.get(live.get_absolute_url(), headers={"user-agent": FIREFOX}).status_code == 200
    for _ in range(5):
        client.get(poll_url(live), headers={"user-agent": FIREFOX})
    client.cookies.clear()
    for _ in range(3):
        client.get(poll_url(live), headers={"user-agent": FIREFOX})
    assert reads.displayed_reads(Article.objects.get(pk=live.pk)) == 1


@pytest.mark.parametrize(
    "article_kwargs",
    [
        {"live": Article.Live.NO},
        {"live": Article.Live.RUNNING, "status": Article.Status.DRAFT, "publish_at": None},
        {"live": Article.Live.RUNNING, "publish_at": timezone.now() + timedelta(hours=2)},
    ],
    ids=["not-a-live", "draft", "scheduled"],
)
def test_the_poll_of_what_is_not_a_public_live_is_a_404(client, article_kwargs):
    article = ArticleFactory(**article_kwargs)
    response = client.get(poll_url(article))
    assert response.status_code == 404
    assert "Cette page est introuvable" in response.content.decode()


def test_the_poll_refuses_other_methods(client, live):
    assert client.post(poll_url(live)).status_code in (403, 405)


def test_older_posts_are_on_further_pages_without_javascript(client, live, reporter):
    for n in range(feed.PAGE_SIZE + 3):
        post(live, reporter, f"Message numéro {n:03d}")
    first = client.get(live.get_absolute_url()).content.decode()
    assert "Message numéro 032" in first and "Message numéro 002" not in first
    assert "?page=2#direct" in first
    second = client.get(live.get_absolute_url() + "?page=2").content.decode()
    assert "Message numéro 002" in second and "Message numéro 032" not in second
    assert "data-live-url" not in second  # an older page is not refreshed
    assert f'href="{live.get_absolute_url()}#direct">← Messages plus récents' in second
    for bad in ("?page=3", "?page=0", "?page=abc", "?page=99999"):
        response = client.get(live.get_absolute_url() + bad)
        assert response.status_code == 404, bad
        assert "Cette page est introuvable" in response.content.decode()


def test_badges_on_lists_while_it_runs_and_after(client, live, reporter):
    home = client.get("/").content.decode()
    section = client.get(live.category.get_absolute_url()).content.decode()
    for html in (home, section):
        assert '<span class="live-badge">En direct</span>' in html
    services.live_set_state(article=live, user=reporter, state=Article.Live.ENDED)
    for url in ("/", live.category.get_absolute_url(), live.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "live-badge--ended" in html and '<span class="live-badge">En direct</span>' not in html, url
    page = client.get(live.get_absolute_url()).content.decode()
    assert "Ce direct est terminé" in page and "data-live-url" not in page


def test_liveblogposting_json_ld_lists_the_updates(client, live, reporter):
    one = post(live, reporter, "Ouverture du direct")
    two = post(live, reporter, "Les pompiers </script><b>interviennent</b>")
    html = client.get(live.get_absolute_url()).content.decode()
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    types = [block["@type"] for block in blocks]
    assert "LiveBlogPosting" in types and "NewsArticle" not in types
    data = next(block for block in blocks if block["@type"] == "LiveBlogPosting")
    assert data["coverageStartTime"] and "coverageEndTime" not in data
    assert [u["url"].rsplit("#", 1)[1] for u in data["liveBlogUpdate"]] == [two.anchor, one.anchor]
    assert data["liveBlogUpdate"][1]["articleBody"] == "Ouverture du direct"
    assert data["author"][0]["name"] == "Claire Vernet"


def test_an_ordinary_article_keeps_its_newsarticle_and_shows_no_live(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert '"@type": "NewsArticle"' in html
    assert 'id="direct"' not in html and "live-badge" not in html


def test_a_post_with_an_embed_and_a_library_photo(client, live, reporter):
    photo = PhotoFactory()
    services.live_post_add(
        article=live,
        user=reporter,
        body=f'<p>https://www.youtube.com/watch?v=abcdefghijk</p><figure><img src="" data-file="{photo.pk}" alt=""></figure>',
    )
    html = client.get(live.get_absolute_url()).content.decode()
    section = live_section(html)
    assert "youtube-nocookie.com" in section and "<iframe" not in section  # a placeholder until the click
    assert '<figure class="body-photo">' in section and photo.caption in section


def test_posts_are_escaped_where_they_are_text(client, live, reporter):
    services.live_post_add(article=live, user=reporter, body="<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    html = client.get(live.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert LivePost.objects.get().text == "<script>alert(1)</script>"  # as readers read it
