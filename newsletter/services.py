"""The newsletter's rules: subscribe by double opt-in, unsubscribe in one click, one
digest per subscriber per day. Views, the admin and ``send_newsletter`` call these.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category
from common.french import day_month
from common.mail import mail_enqueue
from reads.queries import most_read

from .models import Subscriber

logger = logging.getLogger(__name__)

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
UNSUBSCRIBE_PLACEHOLDER = "\x00unsubscribe-url\x00"


class RateLimited(Exception):
    """Too many requests from one address or for one e-mail: 429."""


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _within_limit(key: str, limit: int, window: int) -> bool:
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key) <= limit
    except ValueError:
        cache.set(key, 1, timeout=window)
        return True


# ---------------------------------------------------------------------------
# Subscribing: nothing is stored before the owner of the address confirms.


def subscription_request(*, email: str, regions: list[Category], client: str) -> None:
    """Send the confirmation e-mail; the link carries the choice, signed and dated."""
    if not _within_limit(f"newsletter:ip:{client}", settings.NEWSLETTER_RATE_PER_IP, 3600):
        raise RateLimited
    if not _within_limit(f"newsletter:email:{email}", settings.NEWSLETTER_RATE_PER_EMAIL, 86400):
        raise RateLimited
    token = signing.dumps({"e": email, "r": sorted(region.pk for region in regions)}, salt=CONFIRM_SALT)
    url = _absolute(reverse("newsletter:confirm", kwargs={"token": token}))
    context = {"url": url, "regions": regions, "days": settings.NEWSLETTER_CONFIRM_DAYS}
    mail_enqueue(
        subject=f"Confirmez votre inscription à la lettre du {settings.SITE_NAME}",
        body=render_to_string("newsletter/confirm_email.txt", context),
        to=[email],
    )


def confirmation_read(token: str) -> tuple[str, list[Category]]:
    """The address and regions of a confirmation link, or ValidationError (French)."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS))
        email, region_ids = str(data["e"]), [int(pk) for pk in data["r"]]
    except signing.SignatureExpired as error:
        raise ValidationError("Ce lien de confirmation a expiré : inscrivez-vous à nouveau.") from error
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise ValidationError("Ce lien de confirmation n'est pas valide.") from error
    regions = list(Category.objects.filter(pk__in=region_ids, parent__isnull=True))
    if not regions:
        raise ValidationError("Ce lien de confirmation n'est pas valide.")
    return email, regions


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscriber:
    """The owner clicked: the consent is recorded now, with the regions they chose."""
    email, regions = confirmation_read(token)
    subscriber, _ = Subscriber.objects.select_for_update().get_or_create(email=email)
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.consent_at = timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save()
    subscriber.regions.set(regions)
    return subscriber


# ---------------------------------------------------------------------------
# Unsubscribing: a signed link that never expires, and works with one POST (RFC 8058).


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps(subscriber.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(subscriber: Subscriber) -> str:
    return _absolute(reverse("newsletter:unsubscribe", kwargs={"token": unsubscribe_token(subscriber)}))


def subscriber_from_token(token: str) -> Subscriber:
    try:
        pk = int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise ValidationError("Ce lien de désinscription n'est pas valide.") from error
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        raise ValidationError("Cette adresse n'est plus inscrite.")
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber) -> None:
    """At once, without a question: the reader will receive nothing more."""
    Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.CONFIRMED).update(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )


def subscriber_erase(*, subscriber: Subscriber) -> None:
    """Erasure on request (GDPR): the row and its regions are deleted, nothing is kept."""
    subscriber.delete()


# ---------------------------------------------------------------------------
# The digest.


def region_top_stories(region: Category, limit: int) -> list[Article]:
    return list(
        Article.objects.published()
        .in_category(region)
        .select_related("category__parent")
        .order_by("-publish_at")[:limit]
    )


def digest_content(regions: list[Category], today: date) -> dict:
    """What one set of regions' readers get today: each region's top stories, and the
    most read of the last day in those regions (the same for every reader of that set)."""
    sections = [(region, region_top_stories(region, settings.NEWSLETTER_STORIES_PER_REGION)) for region in regions]
    shown = {article.pk for _, articles in sections for article in articles}
    scope = Article.objects.published().filter(category__in=_with_sections(regions)).exclude(pk__in=shown)
    popular = list(most_read(scope, since=today - timedelta(days=1)).select_related("category__parent")[:5])
    return {
        "sections": [(region, articles) for region, articles in sections if articles],
        "most_read": popular,
        "today": today,
        "day_label": day_month(today),
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
    }


def _with_sections(regions):
    return Category.objects.filter(pk__in=[region.pk for region in regions]) | Category.objects.filter(
        parent__in=regions
    )


def digest_render(regions: list[Category], today: date) -> tuple[str, str, str] | None:
    """(subject, text, html) with a placeholder for the reader's own unsubscribe link;
    None when there is nothing to send."""
    context = digest_content(regions, today)
    if not context["sections"] and not context["most_read"]:
        return None
    subject = f"{settings.SITE_NAME}\u202f: l'essentiel du {day_month(today)}"
    return (
        subject,
        render_to_string("newsletter/digest.txt", context),
        render_to_string("newsletter/digest.html", context),
    )
