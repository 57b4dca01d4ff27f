"""The read-only content API: what a mobile app or a partner gets from /api/v1/."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from api.models import ApiToken
from api.tokens import token_create
from articles import services
from articles.models import Article, UpdateNote
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BoxFactory,
    PhotoFactory,
    SectionFactory,
    UserFactory,
    editor,
    journalist,
    moderator,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles/"


def ids(response):
    return [item["id"] for item in response.json()["results"]]


def test_list_is_public_articles_newest_first(api_get):
    now = timezone.now()
    old = ArticleFactory(publish_at=now - timedelta(days=2))
    new = ArticleFactory(publish_at=now - timedelta(hours=1))
    ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    ArticleFactory(status=Article.Status.REVIEW, publish_at=None)
    ArticleFactory(publish_at=now + timedelta(hours=1))  # scheduled: not yet public
    ArticleFactory(status=Article.Status.UNPUBLISHED)
    response = api_get(LIST)
    assert response.status_code == 200
    assert ids(response) == [new.pk, old.pk]
    assert response.json()["next"] is None


def test_cursor_pages_cover_every_article_once(api_get):
    moment = timezone.now() - timedelta(hours=3)
    # Ties on publish_at must neither repeat nor skip an article across pages.
    articles = [ArticleFactory(publish_at=moment) for _ in range(3)] + [
        ArticleFactory(publish_at=moment - timedelta(minutes=n)) for n in range(1, 5)
    ]
    seen, url, pages = [], LIST + "?limit=2", 0
    while url:
        response = api_get(url)
        assert response.status_code == 200
        seen += ids(response)
        url = response.json()["next"]
        pages += 1
    assert pages == 4
    assert sorted(seen) == sorted(article.pk for article in articles)
    assert len(seen) == len(set(seen))


def test_filters_by_section_region_tag_and_update_time(api_get):
    section = SectionFactory()
    other = SectionFactory()
    in_section = ArticleFactory(category=section, tags=["ski"])
    elsewhere = ArticleFactory(category=other)
    assert ids(api_get(LIST, {"section": section.path})) == [in_section.pk]
    assert ids(api_get(LIST, {"section": section.parent.path})) == [in_section.pk]
    assert ids(api_get(LIST, {"tag": "ski"})) == [in_section.pk]
    Article.objects.filter(pk=elsewhere.pk).update(updated_at=timezone.now() - timedelta(days=3))
    Article.objects.filter(pk=in_section.pk).update(updated_at=timezone.now())
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert ids(api_get(LIST, {"updated_since": since})) == [in_section.pk]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"section": "nulle-part"}, "Rubrique inconnue."),
        ({"tag": "inconnu"}, "Mot-clé inconnu."),
        ({"updated_since": "hier"}, "Date invalide"),
        ({"cursor": "pas-un-curseur"}, "Curseur invalide"),
        ({"cursor": "MjAyNi0xMi0wMVQwMDowMDowMHxhYmM"}, "Curseur invalide"),  # time|abc
        ({"limit": "0"}, "« limit » doit être compris entre 1 et 50."),
        ({"limit": "dix"}, "Paramètre invalide : limit."),
    ],
)
def test_bad_parameters_get_a_french_400(api_get, params, message):
    ArticleFactory()
    response = api_get(LIST, params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_detail_shows_public_fields_only(api_get):
    author = AuthorFactory(user=journalist(email="camille@example.org"))
    photo = PhotoFactory()
    photo.renditions = {"480": {"webp": "r/a-480.webp", "jpeg": "r/a-480.jpg", "height": 300}}
    photo.save()
    article = ArticleFactory(authors=[author], lead_photo=photo, tags=["budget"])
    BoxFactory(article=article)
    UpdateNote.objects.create(article=article, text="Précision sur le montant.")
    Article.objects.filter(pk=article.pk).update(reads=1307)
    response = api_get(f"/api/v1/articles/{article.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == article.title
    assert data["url"] == "http://testserver" + article.get_absolute_url()
    assert data["reads"] == 1307
    assert data["body_html"].startswith("<p>Le vote a eu lieu")
    assert data["boxes"] == [
        {"heading": "Le budget primitif, c'est quoi ?", "body": "C'est le premier acte budgétaire de l'année."}
    ]
    assert data["notes"][0]["text"] == "Précision sur le montant."
    assert data["authors"][0]["name"] == author.name
    assert data["lead_photo"]["renditions"] == [
        {"width": 480, "format": "webp", "url": "http://testserver/media/r/a-480.webp"},
        {"width": 480, "format": "jpeg", "url": "http://testserver/media/r/a-480.jpg"},
    ]
    text = response.content.decode()
    assert "camille@example.org" not in text
    assert photo.image.name not in text  # the original is never linked


def test_detail_of_a_draft_or_unknown_article_is_404(api_get):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    for url in (f"/api/v1/articles/{draft.pk}/", "/api/v1/articles/999999/"):
        response = api_get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Introuvable."}


def test_reading_through_the_api_counts_no_read(api_get):
    article = ArticleFactory()
    for _ in range(3):
        api_get(f"/api/v1/articles/{article.pk}/", HTTP_USER_AGENT="Mozilla/5.0 (Android)")
    article.refresh_from_db()
    assert article.reads == 0


def test_sections_and_authors(api_get):
    section = SectionFactory()
    author = AuthorFactory(user=journalist(email="secret@example.org"))
    sections = api_get("/api/v1/sections/").json()
    assert {
        "id": section.pk,
        "name": section.name,
        "path": section.path,
        "parent": section.parent.path,
        "url": "http://testserver" + section.get_absolute_url(),
    } in sections
    authors = api_get("/api/v1/authors/")
    assert authors.json()[0]["name"] == author.name
    assert "secret@example.org" not in authors.content.decode()


def test_etag_and_304(client, api_get):
    ArticleFactory()
    first = api_get(LIST)
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert first["ETag"]
    again = client.get(LIST, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_cors_allows_any_site_to_read(client, api_get):
    response = api_get(LIST)
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        LIST, headers={"Origin": "https://partenaire.example", "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]


def test_openapi_schema_describes_every_endpoint(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/articles/", "/api/v1/articles/{article_id}/", "/api/v1/sections/", "/api/v1/authors/"} <= set(
        spec["paths"]
    )


def test_list_query_count_does_not_grow_with_the_page(api_get, django_assert_max_num_queries):
    author = AuthorFactory()
    for _ in range(20):
        ArticleFactory(authors=[author], lead_photo=PhotoFactory(), tags=["ski", "neige"])
    with django_assert_max_num_queries(4):
        response = api_get(LIST)
    assert len(ids(response)) == 20


# Tokens.


def test_api_token_command_prints_a_token_stored_as_a_digest(capsys):
    user = editor(username="appli")
    call_command("api_token", "appli", "--name", "application mobile")
    raw = capsys.readouterr().out.strip()
    assert raw.startswith("nr_")
    token = ApiToken.objects.get(user=user)
    assert raw not in (token.digest, token.prefix) and len(token.digest) == 64
    assert token.name == "application mobile"


def test_api_token_refuses_readers_and_unknown_accounts():
    UserFactory(username="lecteur", is_staff=False)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="compte actif de la rédaction"):
        call_command("api_token", "lecteur")
    with pytest.raises(CommandError, match="Aucun compte"):
        call_command("api_token", "personne")


def test_a_valid_token_is_accepted_and_a_revoked_one_is_refused(api_get):
    token, raw = token_create(user=editor())
    assert api_get(LIST, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    token.revoked_at = timezone.now()
    token.save()
    refused = api_get(LIST, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert refused.status_code == 401
    assert refused.json()["detail"] == "Jeton d'accès invalide ou révoqué."
    assert api_get(LIST, HTTP_AUTHORIZATION="Bearer nr_invente").status_code == 401


@pytest.mark.parametrize(("role", "status"), [(journalist, 403), (moderator, 403)])
def test_only_editors_see_the_tokens(client, role, status):
    client.force_login(role())
    assert client.get("/admin/api/apitoken/").status_code == status


def test_revoking_in_the_admin(client):
    token, raw = token_create(user=editor())
    client.force_login(editor(username="chef"))
    response = client.post(
        "/admin/api/apitoken/", {"action": "revoke_selected", "_selected_action": [token.pk]}, follow=True
    )
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert raw not in client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()


# Quotas.


def test_quota_per_address_then_429(api_get, settings):
    settings.API_RATE_ANONYMOUS = "3/m"
    statuses = [api_get(LIST).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api_get(LIST)
    assert refused["Retry-After"]
    assert "Trop de requêtes" in refused.json()["detail"]
    # Another address is not affected.
    assert api_get(LIST, REMOTE_ADDR="192.0.2.8").status_code == 200


def test_quota_per_token_is_separate_from_the_address(api_get, settings):
    settings.API_RATE_ANONYMOUS = "1/m"
    settings.API_RATE_TOKEN = "2/m"
    _, raw = token_create(user=editor())
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert api_get(LIST).status_code == 200
    assert api_get(LIST).status_code == 429
    assert [api_get(LIST, **auth).status_code for _ in range(3)] == [200, 200, 429]


def test_head_and_shared_cache_headers(client, api_get):
    assert client.head(LIST).status_code == 200
    response = api_get(LIST)
    assert "Cookie" not in response.get("Vary", "")
    refused = api_get(LIST, {"limit": "0"})
    assert "no-store" in refused["Cache-Control"]


# --- Kept server-side: built once, rebuilt at once when what they show changes ----------


def test_the_list_is_built_once_then_kept(api_get, django_assert_num_queries):
    ArticleFactory()
    api_get(LIST)
    with django_assert_num_queries(0):
        assert api_get(LIST).status_code == 200


def test_a_publication_shows_in_the_kept_list_at_once(api_get):
    first = ArticleFactory()
    assert ids(api_get(LIST)) == [first.pk]
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, first_published_at=None)
    assert ids(api_get(LIST)) == [first.pk]
    services.article_publish(article=draft, user=editor())
    assert ids(api_get(LIST)) == [draft.pk, first.pk]


def test_an_edit_shows_in_the_kept_article_at_once(api_get):
    article = ArticleFactory(title="Avant")
    url = f"{LIST}{article.pk}/"
    assert api_get(url).json()["title"] == "Avant"
    article.title = "Après"
    article.save()
    assert api_get(url).json()["title"] == "Après"


def test_a_scheduled_article_appears_in_the_kept_list_on_time(api_get):
    now = timezone.now()
    shown = ArticleFactory(publish_at=now - timedelta(hours=1))
    later = ArticleFactory(publish_at=now + timedelta(seconds=30))
    with time_machine.travel(now, tick=False):
        assert ids(api_get(LIST)) == [shown.pk]
    with time_machine.travel(now + timedelta(seconds=31), tick=False):
        assert ids(api_get(LIST)) == [later.pk, shown.pk]


def test_one_off_queries_are_not_kept(api_get, django_assert_max_num_queries):
    ArticleFactory()
    url = LIST + "?updated_since=2020-01-01T00:00:00%2B00:00"
    api_get(url)
    with django_assert_max_num_queries(10) as counted:
        api_get(url)
    assert len(counted) > 0
