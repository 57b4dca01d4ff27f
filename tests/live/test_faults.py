"""Redis down, refused or hanging: journalists still post, readers still get the live."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from live.models import LivePost
from newsroom import redis_cache
from tests.newsroom.test_hardening_redis import closed_port, silent_redis, use_redis  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["refused", "hanging"])
def dead_redis(request, settings):
    if request.param == "refused":
        url = f"redis://127.0.0.1:{closed_port()}/0"
    else:
        url = request.getfixturevalue("silent_redis")[0]
    redis_cache._breakers.clear()
    use_redis(settings, url)
    yield
    redis_cache._breakers.clear()


def test_posting_and_reading_a_live_while_redis_is_down(dead_redis, live, reporter):
    desk = Client(raise_request_exception=False)
    desk.force_login(reporter)
    started = time.monotonic()
    response = desk.post(reverse("admin:live_desk", args=[live.pk]), {"action": "post", "body": "<p>Toujours là</p>"})
    assert response.status_code == 302
    assert LivePost.objects.filter(body="<p>Toujours là</p>").exists()
    reader = Client(raise_request_exception=False)
    page = reader.get(live.get_absolute_url())
    poll = reader.get(reverse("live:updates", kwargs={"article_id": live.pk}))
    assert page.status_code == 200 and "Toujours là" in page.content.decode()
    assert poll.status_code == 200 and "Toujours là" in poll.content.decode()
    # One timeout at most (the breaker then skips Redis), not one per cache call.
    assert time.monotonic() - started < 3
