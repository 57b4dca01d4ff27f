"""A live's desk in the admin: the quick form, pinning, deleting, correcting, ending; and
who reaches it."""

import pytest
from django.urls import reverse

from articles.models import Article
from live import services
from live.models import LivePost, LivePostChange
from tests.factories import ArticleFactory, journalist, moderator

pytestmark = pytest.mark.django_db


def desk(live):
    return reverse("admin:live_desk", args=[live.pk])


def test_the_quick_form_publishes_a_post(client, live, reporter):
    client.force_login(reporter)
    page = client.get(desk(live))
    assert page.status_code == 200
    html = page.content.decode()
    assert "data-live-quick-form" in html and "admin/js/live_desk.js" in html
    assert "Ctrl+Entrée" in html
    response = client.post(desk(live), {"action": "post", "body": "<p>Les quais rouvrent.</p>"})
    assert response.status_code == 302 and response["Location"] == desk(live)
    post = LivePost.objects.get()
    assert post.body == "<p>Les quais rouvrent.</p>" and post.posted_by == reporter
    assert "Les quais rouvrent." in client.get(live.get_absolute_url()).content.decode()


@pytest.mark.parametrize("body", ["", "<p> </p>", "<script>alert(1)</script>"])
def test_an_empty_post_is_refused_with_a_french_message(client, live, reporter, body):
    client.force_login(reporter)
    response = client.post(desk(live), {"action": "post", "body": body})
    assert response.status_code == 400
    assert "vide" in response.content.decode() or "obligatoire" in response.content.decode()
    assert not LivePost.objects.exists()


def test_pin_unpin_and_delete_from_the_desk(client, live, reporter):
    post = services.live_post_add(article=live, user=reporter, body="<p>Point de situation</p>")
    client.force_login(reporter)
    client.post(desk(live), {"action": "pin", "post": post.pk})
    assert LivePost.objects.get().pinned
    client.post(desk(live), {"action": "unpin", "post": post.pk})
    assert not LivePost.objects.get().pinned
    client.post(desk(live), {"action": "delete", "post": post.pk})
    assert LivePost.objects.get().deleted_at is not None
    assert [c.action for c in LivePostChange.objects.order_by("pk")] == [
        "posted",
        "pinned",
        "unpinned",
        "deleted",
    ]
    assert "Point de situation" not in client.get(live.get_absolute_url()).content.decode()


def test_an_unknown_action_or_post_is_a_400(client, live, reporter):
    client.force_login(reporter)
    for data in ({"action": "pin", "post": "999999"}, {"action": "explode", "post": "1"}, {"action": "pin"}):
        response = client.post(desk(live), data)
        assert response.status_code == 400, data
        assert "Action impossible" in response.content.decode()


def test_correcting_a_post_in_the_admin_is_traced(client, live, reporter):
    post = services.live_post_add(article=live, user=reporter, body="<p>Le pic à 23 h.</p>")
    client.force_login(reporter)
    url = reverse("admin:live_livepost_change", args=[post.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"body": "<p>Le pic à 2 h.</p>", "changes-TOTAL_FORMS": "0", "changes-INITIAL_FORMS": "0"}
    )
    assert response.status_code == 302 and response["Location"] == desk(live)
    post.refresh_from_db()
    assert post.body == "<p>Le pic à 2 h.</p>"
    assert post.changes.get(action="edited").previous_body == "<p>Le pic à 23 h.</p>"


def test_ending_and_reopening_the_live(client, live, reporter):
    client.force_login(reporter)
    client.post(desk(live), {"action": "end"})
    assert Article.objects.get(pk=live.pk).live == Article.Live.ENDED
    html = client.get(desk(live)).content.decode()
    assert "data-live-quick-form" not in html and "Rouvrir le direct" in html
    client.post(desk(live), {"action": "reopen"})
    assert Article.objects.get(pk=live.pk).live == Article.Live.RUNNING


def test_a_colleague_sees_the_desk_but_cannot_post(client, live):
    client.force_login(journalist(username="colleague"))
    html = client.get(desk(live)).content.decode()
    assert "data-live-quick-form" not in html and "Supprimer" not in html
    assert client.post(desk(live), {"action": "post", "body": "<p>Intrus</p>"}).status_code == 403
    assert not LivePost.objects.exists()


def test_a_moderator_reaches_no_desk(client, live):
    client.force_login(moderator(username="modo"))
    assert client.get(desk(live)).status_code == 403
    assert client.get(reverse("admin:live_livepost_changelist")).status_code == 403


def test_the_desk_of_an_article_that_is_not_a_live_is_refused(client, reporter):
    client.force_login(reporter)
    assert client.get(desk(ArticleFactory())).status_code == 403


def test_the_list_of_lives_shows_running_ones_first(client, live, chief):
    ended = ArticleFactory(title="Tour de France en direct", live=Article.Live.ENDED)
    ArticleFactory(title="Un article ordinaire")
    client.force_login(chief)
    html = client.get(reverse("admin:live_livepost_changelist")).content.decode()
    assert html.index(live.title.replace("'", "&#x27;")) < html.index(ended.title)
    assert "Un article ordinaire" not in html


def test_the_desk_costs_a_fixed_number_of_queries(client, live, reporter, django_assert_max_num_queries):
    client.force_login(reporter)
    for n in range(30):
        services.live_post_add(article=live, user=reporter, body=f"<p>Message {n}</p>")
    with django_assert_max_num_queries(25):
        assert client.get(desk(live)).status_code == 200


def test_the_article_form_links_to_its_desk(client, live, chief):
    client.force_login(chief)
    html = client.get(reverse("admin:articles_article_change", args=[live.pk])).content.decode()
    assert desk(live) in html
