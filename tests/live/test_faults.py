"""Redis down, refused or hanging: journalists still post, readers still get the live."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from live.models import LivePost

# Redis refused or hanging, with fresh circuit breakers: the hardening tests' own fixtures.
from tests.newsroom.test_hardening_redis import (  # noqa: F401
    _fresh_breakers,
    dead_redis,
    dead_redis_url,
    silent_redis,
)

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("dead_redis")
def test_posting_and_reading_a_live_while_redis_is_down(live, reporter):
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
