"""Site-wide models: ad placements and the campaigns that fill them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Min, Q
from django.utils import timezone

from articles.validators import PhotoImageField, validate_photo_file


class AdPlacement(models.Model):
    """A place on the page that may show an ad ("haut-de-page").

    Its height is reserved on the page while the ad shows, so that closing the ad or
    loading its image never moves the text below.
    """

    slug = models.SlugField("identifiant", max_length=50, unique=True, help_text="Utilisé par les gabarits.")
    name = models.CharField("nom", max_length=100)
    height = models.PositiveSmallIntegerField(
        "hauteur réservée (px)", default=120, help_text="Espace gardé sur la page, même après fermeture."
    )

    class Meta:
        verbose_name = "emplacement publicitaire"
        verbose_name_plural = "emplacements publicitaires"
        ordering = ["name"]

    def __str__(self):
        return self.name


class AdCampaignQuerySet(models.QuerySet):
    def running(self, now=None):
        """Campaigns on air: active, started, not yet ended."""
        now = now or timezone.now()
        return self.filter(is_active=True, starts_at__lte=now, ends_at__gt=now)

    def next_change_at(self, now=None):
        """When an active campaign next starts or ends (cached pages must expire by then)."""
        now = now or timezone.now()
        times = self.filter(is_active=True).aggregate(
            start=Min("starts_at", filter=Q(starts_at__gt=now)), end=Min("ends_at", filter=Q(ends_at__gt=now))
        )
        return min(filter(None, times.values()), default=None)

    def for_placement(self, slug, now=None):
        """The campaign a placement shows now: highest priority, then the oldest start."""
        return (
            self.running(now)
            .filter(placement__slug=slug)
            .select_related("placement")
            .order_by("-priority", "starts_at", "pk")
            .first()
        )


class AdCampaign(models.Model):
    """An advertiser's ad, shown in one placement between two dates."""

    placement = models.ForeignKey(
        AdPlacement, verbose_name="emplacement", on_delete=models.PROTECT, related_name="campaigns"
    )
    name = models.CharField("nom de la campagne", max_length=120)
    advertiser = models.CharField("annonceur", max_length=120)
    headline = models.CharField("accroche", max_length=120, help_text="Le texte principal de l'annonce.")
    text = models.CharField("texte", max_length=200, blank=True)
    image = PhotoImageField(
        "visuel",
        upload_to="ads/%Y/%m/",
        blank=True,
        validators=[validate_photo_file],
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField("texte alternatif du visuel", max_length=200, blank=True)
    target_url = models.URLField("lien de l'annonce", max_length=500)
    starts_at = models.DateTimeField("début", default=timezone.now)
    ends_at = models.DateTimeField("fin")
    is_active = models.BooleanField("active", default=True, help_text="Décocher pour suspendre la campagne.")
    priority = models.SmallIntegerField("priorité", default=0, help_text="La plus haute passe en premier.")
    created_at = models.DateTimeField("créée le", default=timezone.now, editable=False)

    objects = AdCampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "campagne publicitaire"
        verbose_name_plural = "campagnes publicitaires"
        ordering = ["-starts_at"]
        get_latest_by = "starts_at"
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="adcampaign_ends_after_start"),
        ]
        indexes = [
            models.Index(fields=["placement", "is_active", "starts_at", "ends_at"], name="adcampaign_running_idx")
        ]

    def __str__(self):
        return f"{self.name} ({self.advertiser})"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "La fin de la campagne doit suivre son début."})
        if self.image and not self.image_alt:
            raise ValidationError({"image_alt": "Décrivez le visuel pour les lecteurs qui ne le voient pas."})

    @property
    def is_running(self):
        now = timezone.now()
        return self.is_active and self.starts_at <= now < self.ends_at
