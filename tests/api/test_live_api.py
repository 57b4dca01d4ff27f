"""Live posts through the API: read by anyone (a public live), written with a token by the
live's journalists and the editors (DESIGN §13). Every response is checked against the
published schema."""

import json

import pytest

from api.tokens import token_create, token_revoke
from articles.models import Article
from live import services
from live.models import LivePost
from tests.factories import ArticleFactory, AuthorFactory, editor, journalist, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter():
    return journalist(username="reporter", first_name="Claire", last_name="Vernet")


@pytest.fixture
def live(reporter):
    return ArticleFactory(live=Article.Live.RUNNING, authors=[AuthorFactory(name="Claire Vernet", user=reporter)])


@pytest.fixture
def api_post(client, openapi):
    from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

    def post(url, data, token=None, **extra):
        headers = {"authorization": f"Bearer {token}"} if token else {}
        body = data if isinstance(data, str) else json.dumps(data)
        response = client.post(url, body, content_type="application/json", headers=headers, **extra)
        openapi.validate_response(DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response))
        return response

    return post


def url(article):
    return f"/api/v1/articles/{article.pk}/live-posts/"


def test_a_journalist_posts_with_their_token(api_post, live, reporter, client):
    _, raw = token_create(user=reporter)
    response = api_post(url(live), {"body": "<p>Le pic est attendu vers 2 heures.</p>"}, raw)
    assert response.status_code == 201
    data = response.json()
    assert data["text"] == "Le pic est attendu vers 2 heures." and data["signature"] == "Claire Vernet"
    assert data["url"].endswith(f"#message-{data['id']}")
    assert "Le pic est attendu" in client.get(live.get_absolute_url()).content.decode()


def test_an_editor_posts_a_key_post(api_post, live):
    _, raw = token_create(user=editor(username="chef"))
    response = api_post(url(live), {"body": "<p>Ce qu'il faut savoir</p>", "pinned": True}, raw)
    assert response.status_code == 201 and response.json()["pinned"]


def test_without_token_or_with_a_revoked_one_it_is_a_401(api_post, live, reporter):
    assert api_post(url(live), {"body": "<p>Anonyme</p>"}).status_code == 401
    token, raw = token_create(user=reporter)
    token_revoke(token=token)
    response = api_post(url(live), {"body": "<p>Révoqué</p>"}, raw)
    assert response.status_code == 401
    assert response.json()["detail"] == "Jeton d'accès invalide ou révoqué."
    assert not LivePost.objects.exists()


@pytest.mark.parametrize("who", ["colleague", "moderator"])
def test_others_get_a_403_in_french(api_post, live, who):
    user = journalist(username="colleague") if who == "colleague" else moderator(username="modo")
    user.is_staff = True
    user.save()
    _, raw = token_create(user=user)
    response = api_post(url(live), {"body": "<p>Intrus</p>"}, raw)
    assert response.status_code == 403
    assert "journalistes de cet article" in response.json()["detail"]
    assert not LivePost.objects.exists()


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"body": ""}, 400),
        ({"body": "<script>alert(1)</script>"}, 400),
        ({"body": "<p>" + "x" * 12_000 + "</p>"}, 400),
        ({}, 400),
        ({"body": 12}, 400),
        ("pas du JSON", 400),
    ],
)
def test_bad_bodies_are_a_400_in_french(api_post, live, reporter, data, status):
    _, raw = token_create(user=reporter)
    response = api_post(url(live), data, raw)
    assert response.status_code == status
    assert response.json()["detail"]
    assert not LivePost.objects.exists()


def test_an_ended_live_is_a_409_and_an_unknown_article_a_404(api_post, live, reporter):
    _, raw = token_create(user=reporter)
    services.live_set_state(article=live, user=reporter, state=Article.Live.ENDED)
    response = api_post(url(live), {"body": "<p>Trop tard</p>"}, raw)
    assert response.status_code == 409 and response.json()["detail"] == services.NOT_RUNNING
    assert api_post("/api/v1/articles/999999/live-posts/", {"body": "<p>x</p>"}, raw).status_code == 404


def test_a_draft_live_is_hidden_from_those_who_may_not_see_it(api_post, reporter):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, live=Article.Live.RUNNING)
    _, raw = token_create(user=journalist(username="colleague"))
    assert api_post(url(draft), {"body": "<p>x</p>"}, raw).status_code == 404


def test_the_list_is_public_newest_first_and_pages_by_before(api_get, live, reporter):
    posts = [services.live_post_add(article=live, user=reporter, body=f"<p>Message {n}</p>") for n in range(5)]
    services.live_post_delete(post=posts[2], user=reporter)
    response = api_get(url(live) + "?limit=2")
    assert response.status_code == 200
    data = response.json()
    assert data["live"] == "running"
    assert [item["id"] for item in data["results"]] == [posts[4].pk, posts[3].pk]
    second = api_get(data["next"]).json()
    assert [item["id"] for item in second["results"]] == [posts[1].pk, posts[0].pk]
    assert second["next"] is None
    assert api_get(url(live) + "?before=999999").status_code == 400
    assert api_get(url(live) + "?limit=0").status_code == 400


def test_the_list_of_what_is_not_a_public_live_is_a_404(api_get):
    for article in (ArticleFactory(), ArticleFactory(status=Article.Status.DRAFT, live=Article.Live.RUNNING)):
        assert api_get(url(article)).status_code == 404


def test_articles_say_whether_they_are_lives(api_get, live):
    ArticleFactory()
    data = api_get("/api/v1/articles/").json()
    assert sorted(item["live"] or "" for item in data["results"]) == ["", "running"]
    assert api_get(f"/api/v1/articles/{live.pk}/").json()["live"] == "running"
