"""Site-wide models: ad placements and campaigns, la une, alerte info, the site's own pages."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Min, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from articles.sanitize import EDITOR_EXTENSIONS, sanitize_html
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


# La une ---------------------------------------------------------------------------------

FRONT_SLOTS = 5  # the lead story, then four top stories


class FrontPage(models.Model):
    """La une of the home page (no region) or of one region's page.

    Editors fill its numbered slots with articles; a slot left empty, or holding an
    article that is not public (yet), shows the newest article instead (``newsroom.frontpage``).
    """

    region = models.OneToOneField(
        "articles.Category",
        verbose_name="région",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="front_page",
        limit_choices_to={"parent__isnull": True},
        help_text="Vide : la une de la page d'accueil.",
    )
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "une"
        verbose_name_plural = "unes"
        ordering = [F("region__position").asc(nulls_first=True), "region__name"]
        constraints = [
            # One home page: the region is unique, and so is "no region".
            models.UniqueConstraint(Coalesce("region", Value(0)), name="frontpage_one_per_region"),
        ]

    def __str__(self):
        return f"Une : {self.region.name}" if self.region_id else "Une : page d'accueil"

    def get_absolute_url(self):
        return self.region.get_absolute_url() if self.region_id else reverse("home")

    def clean(self):
        if self.region_id and self.region.parent_id:
            raise ValidationError({"region": "Choisissez une région, pas une rubrique."})


class FrontSlot(models.Model):
    """One numbered place of la une, held by an article chosen by an editor."""

    front_page = models.ForeignKey(FrontPage, on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveSmallIntegerField(
        "place",
        choices=[(1, "1 — ouverture")] + [(n, f"{n}") for n in range(2, FRONT_SLOTS + 1)],
        help_text="1 : l'article d'ouverture ; les suivants dans l'ordre.",
    )
    article = models.ForeignKey(
        "articles.Article", verbose_name="article", on_delete=models.CASCADE, related_name="front_slots"
    )

    class Meta:
        verbose_name = "place à la une"
        verbose_name_plural = "places à la une"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["front_page", "position"], name="frontslot_unique_position"),
            models.UniqueConstraint(fields=["front_page", "article"], name="frontslot_unique_article"),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=FRONT_SLOTS), name="frontslot_position_range"
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.article}"

    def clean(self):
        # A region's page is rebuilt when its own articles change: la une keeps to them.
        try:
            region = self.front_page.region
        except FrontPage.DoesNotExist:
            region = None
        if region is not None and self.article_id and self.article.category.region != region:
            raise ValidationError({"article": f"Choisissez un article de la région {region.name}."})


# Alerte info ----------------------------------------------------------------------------


class BreakingNewsQuerySet(models.QuerySet):
    def on_air(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)

    def current(self, now=None):
        """The alert every page shows now: the latest started one."""
        return self.on_air(now).order_by("-starts_at", "-pk").first()

    def next_change_at(self, now=None):
        """When an alert next appears or ends (cached pages must expire by then)."""
        now = now or timezone.now()
        times = self.aggregate(
            start=Min("starts_at", filter=Q(starts_at__gt=now)), end=Min("ends_at", filter=Q(ends_at__gt=now))
        )
        return min(filter(None, times.values()), default=None)


class BreakingNews(models.Model):
    """An "Alerte info": a banner on every public page, from its start to its end."""

    text = models.CharField("texte", max_length=200, help_text="Une phrase courte, sans point final.")
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="article lié",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultatif : le bandeau renvoie vers cet article.",
    )
    starts_at = models.DateTimeField("début", default=timezone.now)
    ends_at = models.DateTimeField("fin", help_text="Le bandeau disparaît seul à cette heure.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = BreakingNewsQuerySet.as_manager()

    class Meta:
        verbose_name = "alerte info"
        verbose_name_plural = "alertes info"
        ordering = ["-starts_at"]
        get_latest_by = "starts_at"
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="breakingnews_ends_after_start"),
        ]

    def __str__(self):
        return self.text

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "La fin de l'alerte doit suivre son début."})

    @property
    def is_on_air(self):
        now = timezone.now()
        return self.starts_at <= now < self.ends_at


# Pages of the site (mentions légales, contact…) -----------------------------------------


class SitePage(models.Model):
    """A page that editors write in the admin and the footer links to."""

    title = models.CharField("titre", max_length=120)
    slug = models.SlugField("adresse", max_length=80, unique=True, help_text="La page répond à /pages/<adresse>/.")
    body = ProseEditorField("texte", blank=True, config={"extensions": EDITOR_EXTENSIONS}, sanitize=sanitize_html)
    in_footer = models.BooleanField("lien en pied de page", default=True)
    position = models.PositiveSmallIntegerField("ordre dans le pied de page", default=0)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "page du site"
        verbose_name_plural = "pages du site"
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("site:page", kwargs={"slug": self.slug})


# Corrections proposed by the author ------------------------------------------------------


class CorrectionProposal(models.Model):
    """A journalist's correction to their published article, waiting for an editor.

    Accepted, it becomes a dated correction note under the article
    (``articles.UpdateNote``); refused, it stays here with who decided and when.
    """

    class State(models.TextChoices):
        PENDING = "pending", "En attente"
        ACCEPTED = "accepted", "Validée"
        REFUSED = "refused", "Refusée"

    article = models.ForeignKey(
        "articles.Article", verbose_name="article", on_delete=models.CASCADE, related_name="correction_proposals"
    )
    text = models.TextField(
        "correction",
        max_length=1000,
        help_text="Ce que les lecteurs liront sous l'article, daté du jour de la validation.",
    )
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="proposée par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField("proposée le", default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    note = models.OneToOneField(
        "articles.UpdateNote",
        verbose_name="note publiée",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "correction proposée"
        verbose_name_plural = "corrections proposées"
        ordering = ["state", "proposed_at"]
        permissions = [("decide_correctionproposal", "Peut valider ou refuser les corrections proposées")]

    def __str__(self):
        return f"Correction de « {self.article} »"
