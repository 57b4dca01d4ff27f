"""French error pages without a query, oversized bodies, and the methods a page refuses."""

import pytest
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.http import Http404
from django.test import Client, RequestFactory
from django.urls import reverse

from newsroom import errors
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _plain_http(settings):
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture
def article(db):
    return ArticleFactory()


def french_page(response, status, text):
    html = response.content.decode()
    assert response.status_code == status
    assert '<html lang="fr">' in html and f"Erreur {status}" in html and text in html, html
    assert "css/site.css" in html  # the site's look
    assert response["Content-Type"].startswith("text/html")


HANDLERS = [
    (errors.bad_request, Exception("x"), 400, "Cette requête n'a pas pu être traitée"),
    (errors.bad_request, TooManyFieldsSent("x"), 400, "trop de champs"),
    (errors.bad_request, RequestDataTooBig("x"), 413, "Cet envoi est trop volumineux"),
    (errors.permission_denied, PermissionDenied(), 403, "Vous n'avez pas accès à cette page"),
    (errors.page_not_found, Http404(), 404, "Cette page est introuvable"),
]


@pytest.mark.parametrize("handler,exception,status,text", HANDLERS, ids=["400", "400-fields", "413", "403", "404"])
def test_each_handler_renders_french_page_without_a_query(
    handler, exception, status, text, django_assert_num_queries, admin_user
):
    request = RequestFactory().get("/")
    request.user = admin_user  # a logged-in editor still costs no query
    with django_assert_num_queries(0):
        response = handler(request, exception)
    french_page(response, status, text)


def test_500_and_405_and_csrf_pages_need_no_query(django_assert_num_queries):
    request = RequestFactory().post("/")
    with django_assert_num_queries(0):
        french_page(errors.server_error(request), 500, "Le site rencontre un problème")
        response = errors.method_not_allowed(request, ["GET", "HEAD"])
        french_page(errors.csrf_failure(request), 403, "Ce formulaire n'a pas pu être envoyé")
    french_page(response, 405, "La méthode POST n'est pas acceptée")
    assert response["Allow"] == "GET, HEAD"


def test_a_25_mb_body_gets_the_french_413_unread(article, django_assert_num_queries):
    body = b"message=" + b"x" * (25 * 1024 * 1024)
    with django_assert_num_queries(0):
        response = Client(raise_request_exception=False).generic(
            "POST",
            reverse("comments:post", kwargs={"article_id": article.pk}),
            body,
            "application/x-www-form-urlencoded",
        )
    french_page(response, 413, "Cet envoi est trop volumineux")


def test_a_body_over_django_limit_gets_413_rather_than_english_400(article, settings):
    settings.REQUEST_BODY_MAX_BYTES = 50 * 1024 * 1024  # let it reach Django's own check
    body = b"message=" + b"x" * (25 * 1024 * 1024)
    response = Client(raise_request_exception=False).generic(
        "POST", reverse("comments:post", kwargs={"article_id": article.pk}), body, "application/x-www-form-urlencoded"
    )
    french_page(response, 413, "Cet envoi est trop volumineux")


def test_1200_fields_get_the_french_400(article, django_assert_num_queries):
    body = "&".join(f"champ{n}=valeur" for n in range(1200)).encode()
    with django_assert_num_queries(0):
        response = Client(raise_request_exception=False).generic(
            "POST",
            reverse("comments:post", kwargs={"article_id": article.pk}),
            body,
            "application/x-www-form-urlencoded",
        )
    french_page(response, 400, "Le formulaire envoyé contient trop de champs.")


def test_405_from_a_post_only_view_has_a_french_body(article):
    response = Client().get(reverse("comments:post", kwargs={"article_id": article.pk}))
    french_page(response, 405, "La méthode GET n'est pas acceptée")
    assert "POST" in response["Allow"]


def test_head_on_a_post_only_view_stays_empty(article):
    response = Client().head(reverse("comments:post", kwargs={"article_id": article.pk}))
    assert response.status_code == 405 and response.content == b""


def test_csrf_failure_is_french(article):
    response = Client(enforce_csrf_checks=True).post(
        reverse("comments:post", kwargs={"article_id": article.pk}), {"message": "Bonjour"}
    )
    french_page(response, 403, "Ce formulaire n'a pas pu être envoyé")


def test_404_of_a_missing_article_is_french(client):
    response = client.get("/isere/actualites/nexiste-pas.html")
    french_page(response, 404, "Cette page est introuvable")


def public_urls(article):
    return [
        reverse("home"),
        article.get_absolute_url(),
        reverse("articles:category", kwargs={"category_path": article.category.path}),
        reverse("site:rss"),
        reverse("site:search") + "?q=budget",
        reverse("site:robots"),
    ]


def test_trace_is_refused_on_public_pages(article):
    for url in public_urls(article):
        response = Client().generic("TRACE", url)
        assert response.status_code == 405, url
        assert "TRACE" not in response["Allow"]
        assert article.title not in response.content.decode()


def test_options_answers_allow_without_the_page(article):
    for url in public_urls(article):
        response = Client().options(url)
        assert response.status_code == 204, url
        assert response.content == b""
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}


def test_options_on_the_admin_gives_no_page_either(article):
    UserFactory(username="redaction", groups=["Rédaction en chef"])
    staff = Client()
    staff.login(username="redaction", password="demo-newsroom")
    response = staff.options(reverse("admin:articles_article_changelist"))
    assert response.status_code == 204 and response.content == b""
