"""The dependency-following page cache, on a bare view (the site's pages have their own tests)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import timezone

from newsroom import cache as page_cache
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self, tags=("home",), status=200, cache_control=None, body="page"):
        self.calls = 0
        self.tags, self.status, self.cache_control, self.body = tags, status, cache_control, body

    def __call__(self, request):
        self.calls += 1
        response = HttpResponse(f"{self.body} {self.calls}", status=self.status)
        if self.tags is not None:
            response.cache_tags = set(self.tags)
        if self.cache_control:
            response["Cache-Control"] = self.cache_control
        return response


def get(view, path="/", user=None):
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    return view(request)


def test_second_request_is_served_from_cache_until_a_tag_is_invalidated():
    view = Counter(tags={"home", "category:1"})
    cached = page_cache.cache_public_page(view)
    assert get(cached).content == b"page 1"
    second = get(cached)
    assert second.content == b"page 1" and second["X-Page-Cache"] == "hit"
    page_cache.invalidate_tags("category:2")
    assert get(cached).content == b"page 1"
    page_cache.invalidate_tags("category:1")
    assert get(cached).content == b"page 2"


def test_pages_differ_by_query_string():
    cached = page_cache.cache_public_page(Counter())
    assert get(cached, "/?page=1").content == b"page 1"
    assert get(cached, "/?page=2").content == b"page 2"
    assert get(cached, "/?page=1").content == b"page 1"


@pytest.mark.parametrize(
    "view",
    [Counter(tags=None), Counter(status=404), Counter(status=400), Counter(cache_control="no-cache"),
     Counter(cache_control="private")],
    ids=["no-tags", "404", "form-error", "no-cache", "private"],
)
def test_uncacheable_responses_are_never_stored(view):
    cached = page_cache.cache_public_page(view)
    get(cached)
    get(cached)
    assert view.calls == 2


def test_logged_in_users_are_never_served_nor_stored():
    view = Counter()
    cached = page_cache.cache_public_page(view)
    staff = UserFactory()
    get(cached, user=staff)
    get(cached)
    get(cached, user=staff)
    assert view.calls == 3


def test_invalidation_during_build_is_not_stored():
    class Racing(Counter):
        def __call__(self, request):
            response = super().__call__(request)
            if self.calls == 1:
                page_cache.invalidate_tags("elsewhere")  # an editor acts while the page is built
            return response

    view = Racing()
    cached = page_cache.cache_public_page(view)
    get(cached)
    get(cached)
    assert view.calls == 2
    get(cached)
    assert view.calls == 2


def test_entry_does_not_outlive_next_scheduled_publication(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    ArticleFactory(publish_at=timezone.now() + timedelta(seconds=30))
    view = Counter()
    cached = page_cache.cache_public_page(view)
    get(cached)
    time_machine.shift(timedelta(seconds=20))
    get(cached)
    assert view.calls == 1
    time_machine.shift(timedelta(seconds=15))
    get(cached)
    assert view.calls == 2


def test_cached_form_gets_each_reader_a_fresh_csrf_token():
    def form_view(request):
        response = HttpResponse(f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">')
        response.cache_tags = {"article:1"}
        return response

    cached = page_cache.cache_public_page(form_view)
    first = get(cached).content
    second_response = get(cached)
    second = second_response.content
    assert second_response["X-Page-Cache"] == "hit"
    assert first != second
    assert page_cache.CSRF_PLACEHOLDER not in second
    assert b'name="csrfmiddlewaretoken" value="' in second
