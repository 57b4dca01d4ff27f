"""Access tokens of the content API (mobile app, partners, the live desk's tools)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True, user__is_staff=True)


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 digest is stored, so a leaked table opens nothing.

    The token itself is shown once, by ``manage.py api_token USERNAME``. Editors revoke
    a token in the admin; a revoked token, or one whose user lost staff status, stops
    working at once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="compte", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("usage", max_length=100, blank=True, help_text="Par exemple « application mobile ».")
    prefix = models.CharField(
        "début du jeton", max_length=12, editable=False, help_text="Pour reconnaître un jeton sans le dévoiler."
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("créé le", default=timezone.now, editable=False)
    last_used_at = models.DateTimeField("dernier usage", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @property
    def is_active(self):
        return self.revoked_at is None
