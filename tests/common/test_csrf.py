"""The form token of a page served from a cache (``common.csrf``) is Django's own token."""

import pytest
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CSRF_TOKEN_LENGTH,
    _unmask_cipher_token,
)
from django.test import RequestFactory

from common.csrf import form_token, random_chars


def test_a_new_reader_gets_a_secret_to_send_and_a_token_that_unmasks_to_it():
    request = RequestFactory().get("/")
    token = form_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True  # the middleware sends the cookie
    assert len(secret) == CSRF_SECRET_LENGTH and len(token) == CSRF_TOKEN_LENGTH
    assert _unmask_cipher_token(token) == secret


def test_a_reader_with_a_cookie_keeps_their_secret_and_gets_a_new_mask_each_time():
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = secret = "a" * CSRF_SECRET_LENGTH
    tokens = {form_token(request) for _ in range(50)}
    assert len(tokens) == 50  # never the same text twice (BREACH)
    assert {_unmask_cipher_token(token) for token in tokens} == {secret}
    assert request.META["CSRF_COOKIE"] == secret


def test_the_characters_are_drawn_from_the_whole_alphabet_evenly():
    drawn = random_chars(62 * 2000)
    assert set(drawn) == set(CSRF_ALLOWED_CHARS)
    counts = [drawn.count(char) for char in CSRF_ALLOWED_CHARS]
    # 2 000 expected each; a byte taken modulo 62 without rejection gives the first eight
    # characters 5/4 of the others' share (2 480 against 1 984).
    assert max(counts) < 2250 and min(counts) > 1750


@pytest.mark.django_db
def test_the_token_of_a_page_from_the_cache_unmasks_to_the_readers_cookie():
    from django.test import Client

    from tests.factories import ArticleFactory

    article = ArticleFactory()
    reader = Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0")
    reader.get(article.get_absolute_url())
    page = reader.get(article.get_absolute_url())  # from the page cache: the token is the hole's
    assert page["X-Page-Cache"] == "hit"
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert _unmask_cipher_token(token) == reader.cookies["csrftoken"].value
