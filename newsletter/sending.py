"""Sending the day's digests: ``send_newsletter`` queues batches, a worker sends them.

At most once per subscriber per day, however often the command runs and however many
workers there are: a batch first claims its subscribers (``last_digest_on`` set to
today, a row claimed by one worker only), renders one digest per set of regions, and
sends the batch over one SMTP connection. A batch the relay refuses gives its
unsent subscribers back (their day cleared) and is tried again later, with the same
back-off as every other e-mail.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from common.mail import mail_retry_delay

from .models import Subscriber
from .services import UNSUBSCRIBE_PLACEHOLDER, digest_render, unsubscribe_url

logger = logging.getLogger(__name__)


def newsletter_queue(*, today: date | None = None, batch_size: int | None = None) -> int:
    """Queue the day's digests in batches of tasks; returns how many subscribers are queued."""
    today = today or timezone.localdate()
    batch_size = batch_size or settings.NEWSLETTER_BATCH_SIZE
    pending = (
        Subscriber.objects.confirmed()
        .exclude(last_digest_on=today)
        .order_by("pk")
        .values_list("pk", flat=True)
        .iterator(chunk_size=batch_size)
    )
    queued, batch = 0, []
    for pk in pending:
        batch.append(pk)
        if len(batch) == batch_size:
            newsletter_send_batch.enqueue(subscriber_ids=batch, day=today.isoformat())
            queued += len(batch)
            batch = []
    if batch:
        newsletter_send_batch.enqueue(subscriber_ids=batch, day=today.isoformat())
        queued += len(batch)
    return queued


def _claim(ids: list[int], today: date) -> list[Subscriber]:
    """The batch's subscribers that no other run has served today, now marked as served."""
    with transaction.atomic():
        rows = list(
            Subscriber.objects.confirmed()
            .select_for_update(skip_locked=True)
            .filter(pk__in=ids)
            .exclude(last_digest_on=today)
            .only("pk", "email", "last_digest_on")
        )
        Subscriber.objects.filter(pk__in=[row.pk for row in rows]).update(last_digest_on=today)
    return rows


def _region_sets(subscribers: list[Subscriber]) -> dict[int, tuple[int, ...]]:
    through = Subscriber.regions.through
    sets: dict[int, list[int]] = {}
    for subscriber_id, category_id in through.objects.filter(subscriber_id__in=[s.pk for s in subscribers]).values_list(
        "subscriber_id", "category_id"
    ):
        sets.setdefault(subscriber_id, []).append(category_id)
    return {pk: tuple(sorted(ids)) for pk, ids in sets.items()}


def digest_message(subscriber: Subscriber, rendered: tuple[str, str, str]) -> EmailMultiAlternatives:
    subject, text, html = rendered
    url = unsubscribe_url(subscriber)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text.replace(UNSUBSCRIBE_PLACEHOLDER, url),
        to=[subscriber.email],
        headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(html.replace(UNSUBSCRIBE_PLACEHOLDER, url), "text/html")
    return message


@task()
def newsletter_send_batch(*, subscriber_ids: list[int], day: str, attempt: int = 1) -> int:
    """Send one batch; returns how many digests went."""
    from articles.models import Category

    today = date.fromisoformat(day)
    subscribers = _claim(subscriber_ids, today)
    region_sets = _region_sets(subscribers)
    categories = Category.objects.in_bulk({pk for ids in region_sets.values() for pk in ids})
    rendered: dict[tuple[int, ...], tuple[str, str, str] | None] = {}
    messages, served = [], []
    for subscriber in subscribers:
        key = region_sets.get(subscriber.pk, ())
        if key not in rendered:
            regions = sorted((categories[pk] for pk in key if pk in categories), key=lambda c: (c.position, c.name))
            rendered[key] = digest_render(regions, today) if regions else None
        if rendered[key] is None:
            continue  # nothing new in their regions today: no empty letter
        messages.append(digest_message(subscriber, rendered[key]))
        served.append(subscriber.pk)
    sent = 0
    try:
        with get_connection() as connection:
            for message in messages:
                message.connection = connection
                message.send()
                sent += 1
    except OSError as error:  # smtplib's errors are OSErrors
        unsent = served[sent:]
        Subscriber.objects.filter(pk__in=unsent, last_digest_on=today).update(last_digest_on=None)
        backend = newsletter_send_batch.get_backend()
        if attempt >= settings.MAIL_MAX_ATTEMPTS or not backend.supports_defer:
            logger.error("newsletter: %d digest(s) not sent after attempt %d: %s", len(unsent), attempt, error)
            return sent
        delay = mail_retry_delay(attempt=attempt)
        logger.warning("newsletter: %d digest(s) not sent, next try in %d s: %s", len(unsent), delay, error)
        newsletter_send_batch.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            subscriber_ids=unsent, day=day, attempt=attempt + 1
        )
    logger.info("newsletter: %d digest(s) sent for %s", sent, day)
    return sent
