"""No stampede: 64 readers arriving at once on a page that is not in the cache start one build."""

import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsroom import cache as page_cache
from tests.conftest import cache_backend
from tests.newsroom import cache_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.newsroom.cache_urls")]

READERS = 64


@pytest.fixture(autouse=True, params=["locmem", "redis"])
def backend(request, settings):
    cache_backend(request, settings)
    cache_urls.CALLS["n"] = 0
    cache_urls.BEHAVIOUR.clear()
    return request.param


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers.get("X-Page-Cache"), response.read()


def all_at_once(url):
    with ThreadPoolExecutor(READERS) as pool:
        return list(pool.map(fetch, [url] * READERS))


def test_readers_of_an_invalidated_page_get_the_previous_copy_while_one_builds(live_server):
    url = f"{live_server.url}/page/"
    assert fetch(url)[2] == b"page 1"
    page_cache.invalidate_tags("home")
    cache_urls.BEHAVIOUR["sleep"] = 1.0  # a slow build, so that every reader arrives during it
    responses = all_at_once(url)
    assert cache_urls.CALLS["n"] == 2  # one build for 64 readers
    assert all(status == 200 for status, _, _ in responses)
    served = {body for _, _, body in responses}
    assert served <= {b"page 1", b"page 2"}
    states = [state for _, state, _ in responses]
    # The builder's "miss"; readers who came during the build got the previous copy,
    # later ones (the test server accepts few connections at a time) the new one.
    assert states.count("miss") == 1 and states.count("stale") >= 1
    assert set(states) <= {"miss", "stale", "hit"}
    cache_urls.BEHAVIOUR.clear()
    assert fetch(url)[1:] == ("hit", b"page 2")


def test_readers_of_a_page_never_built_wait_for_the_one_build(live_server):
    url = f"{live_server.url}/page/"
    cache_urls.BEHAVIOUR["sleep"] = 0.5
    responses = all_at_once(url)
    assert cache_urls.CALLS["n"] == 1
    assert {body for _, _, body in responses} == {b"page 1"}
    assert [state for _, state, _ in responses].count("miss") == 1
