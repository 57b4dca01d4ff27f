"""Reader reactions, the reports readers file against them, and the moderation word lists.

State changes go through comments.moderation (the services); nothing here changes a
reaction's state by itself.
"""

import hashlib
import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from common.french import fold
from common.text import normalise_email


def normalise_message(message: str) -> str:
    """Two messages that differ only by case or spacing are the same message."""
    return re.sub(r"\s+", " ", message).strip().casefold()


def message_digest(message: str) -> str:
    return hashlib.sha256(normalise_message(message).encode()).hexdigest()


class ReactionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state=Reaction.State.APPROVED)

    def in_moderation(self):
        """What the moderators still have to decide on."""
        return self.filter(state=Reaction.State.PENDING)

    def public_for(self, article):
        """The reactions readers see under an article, oldest first, only public fields."""
        return (
            self.approved()
            .filter(article=article)
            .order_by("created_at", "pk")
            .only("pk", "name", "message", "created_at", "article_id")
        )

    def by_commenter(self, email: str):
        return self.filter(email=normalise_email(email)) if email else self.none()


class Reaction(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "En attente"
        APPROVED = "approved", "Publiée"
        REJECTED = "rejected", "Rejetée"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Retirée"

    article = models.ForeignKey(Article, verbose_name="article", on_delete=models.CASCADE, related_name="reactions")
    name = models.CharField("nom", max_length=80)
    email = models.EmailField(
        "e-mail",
        blank=True,
        db_index=True,
        help_text="Jamais affichée publiquement ; effacée après la durée de conservation.",
    )
    message = models.TextField("message")
    message_hash = models.CharField(
        max_length=64, editable=False, help_text="Empreinte du message normalisé (doublons)."
    )
    ip_hash = models.CharField("empreinte IP", max_length=64, blank=True, editable=False)
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    matched_words = models.JSONField("mots repérés", default=list, blank=True, editable=False)
    created_at = models.DateTimeField("envoyée le", default=timezone.now, editable=False)
    moderated_at = models.DateTimeField("modérée le", null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="modérée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    personal_data_purged_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReactionQuerySet.as_manager()

    class Meta:
        verbose_name = "réaction"
        verbose_name_plural = "réactions"
        ordering = ["created_at", "pk"]
        get_latest_by = "created_at"
        permissions = [("moderate_reaction", "Peut modérer les réactions des lecteurs")]
        constraints = [
            # The race-proof half of "Message déjà envoyé": concurrent duplicates store one row.
            models.UniqueConstraint(
                fields=["article", "email", "message_hash"],
                condition=~Q(email=""),
                name="reaction_unique_message_per_commenter",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "approved", "rejected", "spam", "removed"]),
                name="reaction_state_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["article", "state", "created_at"], name="reaction_public_idx"),
            models.Index(fields=["state", "created_at"], name="reaction_queue_idx"),
        ]

    def __str__(self):
        excerpt = self.message if len(self.message) <= 60 else self.message[:59] + "…"
        return f"{self.name} : {excerpt}"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        self.message_hash = message_digest(self.message)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#reaction-{self.pk}"

    def get_report_url(self):
        return reverse("comments:report", kwargs={"pk": self.pk})


class ReactionTransition(models.Model):
    """Who moved a reaction from one state to another, and when (audit trail).

    ``by`` is empty for the automatic decisions (word lists, trusted commenters, reports).
    """

    reaction = models.ForeignKey(Reaction, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField("de", max_length=10, choices=Reaction.State.choices, blank=True)
    to_state = models.CharField("vers", max_length=10, choices=Reaction.State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("le", default=timezone.now)
    note = models.CharField("motif", max_length=200, blank=True)

    class Meta:
        verbose_name = "changement d'état"
        verbose_name_plural = "changements d'état"
        ordering = ["at", "pk"]

    def __str__(self):
        who = self.by or "automatique"
        return f"{self.get_from_state_display() or '—'} → {self.get_to_state_display()} ({who})"


class ReactionReport(models.Model):
    """A reader's "Signaler" on an approved reaction; one per reader and reaction."""

    class Reason(models.TextChoices):
        INSULT = "insulte", "Insulte"
        SPAM = "spam", "Spam"
        OFF_TOPIC = "hors_sujet", "Hors sujet"
        OTHER = "autre", "Autre"

    reaction = models.ForeignKey(Reaction, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField("motif", max_length=12, choices=Reason.choices)
    reporter_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField("signalée le", default=timezone.now, editable=False)
    resolved = models.BooleanField(
        "traité", default=False, help_text="Coché quand un modérateur a revu la réaction après ce signalement."
    )

    class Meta:
        verbose_name = "signalement"
        verbose_name_plural = "signalements"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["reaction", "reporter_hash"], name="report_once_per_reader"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} — réaction {self.reaction_id}"


class ModerationWord(models.Model):
    """A word or phrase of the moderators' lists, matched on word boundaries, ignoring case and accents."""

    class Kind(models.TextChoices):
        BANNED = "banned", "Interdit (rejet immédiat)"
        SUSPECT = "suspect", "Suspect (toujours en modération)"

    word = models.CharField("mot ou expression", max_length=100)
    kind = models.CharField("liste", max_length=8, choices=Kind.choices)
    folded = models.CharField(max_length=100, editable=False, unique=True)

    class Meta:
        verbose_name = "mot surveillé"
        verbose_name_plural = "mots surveillés"
        ordering = ["kind", "folded"]

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = self.word.strip()
        self.folded = fold(" ".join(self.word.split()))
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        folded = fold(" ".join(self.word.split()))
        if not folded:
            raise ValidationError({"word": "Indiquez un mot ou une expression."})
        if ModerationWord.objects.filter(folded=folded).exclude(pk=self.pk).exists():
            raise ValidationError({"word": "Ce mot figure déjà dans une liste (sans tenir compte des accents)."})
