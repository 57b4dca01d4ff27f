"""The readers who asked for the morning's news by e-mail, and what they chose."""

from django.db import models
from django.utils import timezone

from articles.models import Category


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)


class Subscriber(models.Model):
    """A confirmed address (double opt-in): a row exists only once its owner clicked the
    link of the confirmation e-mail, so an address typed by someone else is never kept.

    ``consent_at`` is when that confirmation happened (the proof of consent);
    ``last_digest_on`` is the day of the last digest, so that a day's letter goes once
    however often ``send_newsletter`` runs.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Inscrit"
        UNSUBSCRIBED = "unsubscribed", "Désinscrit"

    email = models.EmailField("adresse e-mail", unique=True)
    regions = models.ManyToManyField(
        Category, verbose_name="régions", related_name="+", limit_choices_to={"parent__isnull": True}
    )
    status = models.CharField("état", max_length=12, choices=Status.choices, default=Status.CONFIRMED, db_index=True)
    consent_at = models.DateTimeField("consentement le", default=timezone.now)
    unsubscribed_at = models.DateTimeField("désinscrit le", null=True, blank=True)
    last_digest_on = models.DateField("dernière lettre le", null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = "abonné à la lettre"
        verbose_name_plural = "abonnés à la lettre"
        ordering = ["-consent_at"]
        permissions = [("export_subscriber", "Peut exporter les abonnés")]

    def __str__(self):
        return self.email
