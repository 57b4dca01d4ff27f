"""common.mail: every e-mail is a task queued after the commit."""

import logging

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from common.mail import mail_enqueue, mail_retry_delay
from tests.conftest import run_worker

pytestmark = pytest.mark.django_db


def enqueue(**overrides):
    fields = {"subject": "Objet", "body": "Bonjour", "to": ["lecteur@example.org"]}
    fields.update(overrides)
    mail_enqueue(**fields)


def test_mail_goes_out_once_the_transaction_commits(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(headers={"List-Unsubscribe": "<https://example.org/d/1>"}, html="<p>Bonjour</p>")
        assert smtp_server.messages() == []  # not before the commit
    [message] = smtp_server.messages()
    assert message["List-Unsubscribe"] == "<https://example.org/d/1>"
    assert message.get_body(("html",)).get_content().strip() == "<p>Bonjour</p>"


def test_rolled_back_change_sends_nothing(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue()
            raise RuntimeError("the change failed")
    assert smtp_server.messages() == []


def test_immediate_backend_logs_a_failure_without_waiting(settings, caplog, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # refused
    with caplog.at_level(logging.WARNING, logger="common.mail"), django_capture_on_commit_callbacks(execute=True):
        enqueue()
    assert "mail abandoned after attempt 1/6" in caplog.text


def test_worker_gives_up_after_the_last_attempt(settings, database_tasks, caplog, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1
    settings.MAIL_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        enqueue()
    run_worker()
    DBTaskResult.objects.update(run_after=timezone.now())
    with caplog.at_level(logging.WARNING, logger="common.mail"):
        run_worker()
    assert "mail abandoned after attempt 2/2" in caplog.text
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_each_retry_waits_longer():
    delays = [mail_retry_delay(attempt=n) for n in range(1, 8)]
    assert delays == sorted(delays) and delays[0] >= 30 and delays[-1] == 3600
