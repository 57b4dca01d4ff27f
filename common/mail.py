"""Every e-mail the site sends goes through here, as a task run after the commit.

No reader's or editor's request ever talks to SMTP: ``mail_enqueue`` only records a
task once the surrounding transaction has committed (so a rolled-back change sends
nothing), and ``db_worker`` sends it. A relay that refuses or hangs costs the worker
``EMAIL_TIMEOUT`` seconds, never a request.

A failed send is logged and tried again later, each wait longer than the last, until
``MAIL_MAX_ATTEMPTS``. ``on_sent`` names a function (dotted path, so that this module
imports no app) called once the message has gone: that is where a caller records
"alert sent", never before.

With the immediate backend (``make run``, tests) the task runs at commit time in the
same process, and a failure is logged without a retry: that backend cannot wait.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

logger = logging.getLogger(__name__)

#: Waits before the 2nd, 3rd… attempt; the last one is reused for later attempts.
RETRY_DELAYS = (30, 120, 600, 1800, 3600)


def mail_retry_delay(*, attempt: int) -> int:
    """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
    return RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]


def _message(*, subject, body, to, html, headers, from_email):
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email or None,
        to=list(to),
        headers=dict(headers or {}),
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


@task()
def mail_send(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    headers: dict | None = None,
    from_email: str = "",
    on_sent: str = "",
    on_sent_kwargs: dict | None = None,
    attempt: int = 1,
) -> bool:
    """Send one message; on failure, enqueue the next attempt. Returns whether it went."""
    message = _message(subject=subject, body=body, to=to, html=html, headers=headers, from_email=from_email)
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        max_attempts = getattr(settings, "MAIL_MAX_ATTEMPTS", 6)
        backend = mail_send.get_backend()
        if attempt >= max_attempts or not backend.supports_defer:
            logger.error(
                "mail abandoned after attempt %d/%d: %r to %d recipient(s): %s",
                attempt,
                max_attempts,
                subject,
                len(to),
                error,
            )
            return False
        delay = mail_retry_delay(attempt=attempt)
        logger.warning(
            "mail attempt %d/%d failed, next in %d s: %r to %d recipient(s): %s",
            attempt,
            max_attempts,
            delay,
            subject,
            len(to),
            error,
        )
        mail_send.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            subject=subject,
            body=body,
            to=list(to),
            html=html,
            headers=headers,
            from_email=from_email,
            on_sent=on_sent,
            on_sent_kwargs=on_sent_kwargs,
            attempt=attempt + 1,
        )
        return False
    logger.info("mail sent (attempt %d): %r to %d recipient(s)", attempt, subject, len(to))
    if on_sent:
        import_string(on_sent)(**(on_sent_kwargs or {}))
    return True


def mail_enqueue(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    headers: dict | None = None,
    from_email: str = "",
    on_sent: str = "",
    on_sent_kwargs: dict | None = None,
    on_commit: bool = True,
) -> None:
    """Queue one e-mail, after the current transaction commits (at once outside one).

    ``on_commit=False`` enqueues now, for callers that run while a transaction is
    being abandoned (the error report of a failed request).
    """
    if not to:
        return
    kwargs = {
        "subject": subject,
        "body": body,
        "to": list(to),
        "html": html,
        "headers": headers,
        "from_email": from_email,
        "on_sent": on_sent,
        "on_sent_kwargs": on_sent_kwargs,
    }
    if on_commit:
        transaction.on_commit(lambda: mail_send.enqueue(**kwargs))
    else:
        mail_send.enqueue(**kwargs)
