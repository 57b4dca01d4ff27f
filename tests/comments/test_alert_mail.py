"""The moderators' alert leaves as a task: never inside the reader's POST, retried, flagged once gone."""

import logging
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments.moderation import ALERT_KEY
from tests.comments.conftest import form_data, make_reaction, post_url
from tests.conftest import run_worker
from tests.factories import moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def alert_at_two(settings, no_words):
    settings.REACTIONS_QUEUE_ALERT = 2
    settings.REACTIONS_RATE_PER_EMAIL = 100
    moderator(username="modo", email="modo@example.org")


def post(client, article, capture, message):
    with capture(execute=True):
        return client.post(post_url(article), form_data(article, message=message, email=f"{message}@example.org"))


def test_alert_reaches_a_real_smtp_server(
    client, article, alert_at_two, smtp_server, django_capture_on_commit_callbacks
):
    make_reaction(article, state="pending")
    response = post(client, article, django_capture_on_commit_callbacks, "deuxieme")
    assert response.status_code == 302
    [message] = smtp_server.messages()
    assert message["To"] == "modo@example.org"
    assert "2 réactions attendent une modération" in message["Subject"]
    assert "http://testserver/admin/comments/reaction/?state__exact=pending" in message.get_content()
    assert cache.get(ALERT_KEY) == 2

    post(client, article, django_capture_on_commit_callbacks, "troisieme")
    assert len(smtp_server.messages()) == 1  # not again on every post


def test_readers_post_is_fast_with_a_relay_that_never_answers(
    client, article, alert_at_two, black_hole_smtp, database_tasks, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_TIMEOUT = 1
    make_reaction(article, state="pending")
    started = time.monotonic()
    response = post(client, article, django_capture_on_commit_callbacks, "deuxieme")
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 1
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # queued, not sent
    assert cache.get(ALERT_KEY) is None

    # The worker meets the silent relay: the attempt fails, is logged, and a later one waits.
    with caplog.at_level(logging.WARNING, logger="common.mail"):
        run_worker()
    assert "mail attempt 1/6 failed, next in 30 s" in caplog.text
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now() + timedelta(seconds=20)
    assert cache.get(ALERT_KEY) is None  # not sent: no flag

    # A second post meanwhile queues no second alert.
    post(client, article, django_capture_on_commit_callbacks, "troisieme")
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_retry_goes_out_once_the_relay_is_back(
    client, article, alert_at_two, database_tasks, settings, smtp_server, django_capture_on_commit_callbacks
):
    make_reaction(article, state="pending")
    real_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens: refused at once
    post(client, article, django_capture_on_commit_callbacks, "deuxieme")
    run_worker()
    assert smtp_server.messages() == [] and cache.get(ALERT_KEY) is None

    settings.EMAIL_PORT = real_port
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())  # its wait is over
    run_worker()
    assert len(smtp_server.messages()) == 1
    assert cache.get(ALERT_KEY) == 2
