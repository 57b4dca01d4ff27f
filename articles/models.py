"""The content model of the newsroom: sections, authors, photos, articles."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from .sanitize import EDITOR_EXTENSIONS, sanitize_html
from .validators import PhotoImageField, validate_photo_file


class Category(models.Model):
    """A node of the region > section tree ("Isère / Actualités").

    ``path`` ("isere/actualites") is derived from the slugs on save and is what
    URLs use; when it changes the old path is kept so that old links still work.
    """

    name = models.CharField("nom", max_length=100)
    slug = models.SlugField("slug", max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name="région parente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Vide pour une région ; la région pour une rubrique.",
    )
    path = models.CharField("chemin", max_length=255, unique=True, editable=False)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    description = models.TextField("description", blank=True)

    class Meta:
        verbose_name = "rubrique"
        verbose_name_plural = "rubriques"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "slug"], name="category_unique_slug_in_parent"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(parent__isnull=True), name="category_unique_root_slug"
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        old_path = None
        if self.pk:
            old_path = Category.objects.filter(pk=self.pk).values_list("path", flat=True).first()
        self.path = self.build_path()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                CategoryRedirect.objects.update_or_create(old_path=old_path, defaults={"category": self})
                for child in self.children.all():
                    child.save()

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"category_path": self.path})

    @property
    def full_name(self):
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name

    @property
    def region(self):
        """The top of the tree this category belongs to."""
        node = self
        while node.parent_id:
            node = node.parent
        return node

    @property
    def is_region(self):
        return self.parent_id is None

    def build_path(self):
        return f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": "Une rubrique ne peut appartenir qu'à une région."})

    def descendant_ids(self):
        """This category's id and those of its sections (the tree is two levels deep)."""
        return [self.pk, *self.children.values_list("pk", flat=True)]


class CategoryRedirect(models.Model):
    """An old category path that now answers with a 301 to the category's current one."""

    old_path = models.CharField(max_length=255, unique=True)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="redirects")

    def __str__(self):
        return f"{self.old_path} → {self.category.path}"


class Photo(models.Model):
    """A picture of the library, uploaded once and reused, with its renditions."""

    image = PhotoImageField(
        "image",
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_photo_file],
        help_text="JPEG, PNG ou WebP.",
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.CharField("légende", max_length=300, blank=True)
    credit = models.CharField("crédit", max_length=120, blank=True, help_text="Par exemple « D.R. ».")
    alt_text = models.CharField(
        "texte alternatif",
        max_length=250,
        blank=True,
        help_text="Ce que montre la photo, pour les lecteurs qui ne la voient pas.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="envoyée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ajoutée le", default=timezone.now, editable=False)
    renditions = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text='{"800": {"webp": "path", "jpeg": "path", "height": 533}, …}',
    )

    class Meta:
        verbose_name = "photo"
        verbose_name_plural = "photos"
        ordering = ["-created_at"]

    def __str__(self):
        return self.caption or self.image.name

    def rendition_urls(self, kind="jpeg"):
        """[(width, url), …] of the stored renditions of one format, narrowest first.

        The only photo URLs public pages, feeds and sitemaps may print: an original
        (EXIF-stripped, but full size and signed on S3) is for the admin only.
        """
        storage = rendition_storage()
        return [
            (int(width), storage.url(entry[kind]))
            for width, entry in sorted(self.renditions.items(), key=lambda item: int(item[0]))
            if kind in entry
        ]


def rendition_storage():
    """Where renditions live (``STORAGES["renditions"]``, see common/storage.py)."""
    return storages["renditions"]


class Author(models.Model):
    name = models.CharField("nom affiché", max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    bio = models.TextField("biographie courte", blank=True, max_length=600)
    photo = models.ForeignKey(
        Photo, verbose_name="portrait", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text="Le compte de la rédaction qui signe sous ce nom.",
    )

    class Meta:
        verbose_name = "auteur"
        verbose_name_plural = "auteurs"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What readers may see: published, and its publication time has come."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now)

    def scheduled(self, now=None):
        """Published, its time still to come ("Programmé" in the admin)."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)

    def in_category(self, category):
        """Articles of a section, or of all the sections of a region."""
        return self.filter(category_id__in=category.descendant_ids())

    def tagged(self, tag):
        """Articles carrying ``tag``, as a semi-join (EXISTS) on taggit's items.

        ``filter(tags=…)`` joins through the tag table and casts every item's
        ``object_id``, so PostgreSQL must read all the tag's items, then sort them by date:
        the cost of a list grows with the tag's archive. Here each article is probed by
        its id in the items' (content type, object id) index, and a list sorted by date
        walks the newest articles and stops once its page is full.
        """
        content_type = ContentType.objects.get_for_model(self.model)  # cached per process
        items = TaggedItem.objects.filter(content_type=content_type, tag=tag, object_id=OuterRef("pk"))
        return self.filter(Exists(items))

    def for_lists(self):
        """What a list of teasers needs, in a fixed number of queries."""
        return self.select_related("category__parent", "lead_photo").prefetch_related("authors")

    def for_entries(self):
        """What a feed entry or an API summary shows (section, photo, bylines in their
        order, tags), in a fixed number of queries."""
        return self.select_related("category__parent", "lead_photo").prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")), "tags"
        )

    def next_publication_at(self, now=None):
        """When the next scheduled article goes public (cached lists must expire by then)."""
        now = now or timezone.now()
        return (
            self.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        REVIEW = "review", "En relecture"
        PUBLISHED = "published", "Publié"
        UNPUBLISHED = "unpublished", "Dépublié"

    class Live(models.TextChoices):
        """An article can be a live ("En direct"): its posts are the ``live`` app's."""

        NO = "", "Non"
        RUNNING = "running", "Direct en cours"
        ENDED = "ended", "Direct terminé"

    title = models.CharField("titre", max_length=200)
    slug = models.SlugField(
        "slug", max_length=200, unique=True, help_text="L'adresse de l'article ; l'ancienne reste valable."
    )
    standfirst = models.TextField(
        "chapô", max_length=600, blank=True, help_text="Le court paragraphe d'attaque, sous le titre."
    )
    body = ProseEditorField("texte", blank=True, config={"extensions": EDITOR_EXTENSIONS}, sanitize=sanitize_html)
    category = models.ForeignKey(Category, verbose_name="rubrique", on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(
        Author, verbose_name="auteurs", through="ArticleAuthor", related_name="articles", blank=True
    )
    lead_photo = models.ForeignKey(
        Photo,
        verbose_name="photo principale",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    lead_photo_caption = models.CharField(
        "légende (pour cet article)", max_length=300, blank=True, help_text="Vide : la légende de la photo."
    )
    lead_photo_credit = models.CharField(
        "crédit (pour cet article)", max_length=120, blank=True, help_text="Vide : le crédit de la photo."
    )
    tags = TaggableManager("mots-clés", blank=True)
    related = models.ManyToManyField(
        "self",
        verbose_name="à lire également",
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text="Choisis à la main ; complétés automatiquement par mots-clés et rubrique.",
    )
    status = models.CharField("statut", max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    publish_at = models.DateTimeField(
        "publication le", null=True, blank=True, help_text="Date et heure de mise en ligne (programmation)."
    )
    first_published_at = models.DateTimeField("première publication", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("créé le", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créé par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    live = models.CharField(
        "direct",
        max_length=8,
        choices=Live.choices,
        default=Live.NO,
        blank=True,
        help_text="Un direct montre ses messages sous le texte, les plus récents d'abord ; « EN DIRECT » "
        "s'affiche sur les listes tant qu'il est en cours.",
    )
    reads = models.PositiveBigIntegerField("lectures", default=0, editable=False)
    reactions_count = models.PositiveIntegerField(
        "réactions publiées",
        default=0,
        editable=False,
        help_text="Tenu à jour par la modération des réactions (comments.moderation).",
    )
    reactions_enabled = models.BooleanField("réactions ouvertes", default=True)
    reactions_open_days = models.PositiveSmallIntegerField(
        "durée des réactions (jours)",
        null=True,
        blank=True,
        help_text="Vide : la durée par défaut du site.",
    )
    search_vector = SearchVectorField(null=True, editable=False)
    seo_title = models.CharField(
        "titre pour les moteurs de recherche",
        max_length=70,
        blank=True,
        help_text="Facultatif : remplace le titre dans l'onglet du navigateur et les résultats de recherche.",
    )
    social_title = models.CharField(
        "titre pour les réseaux sociaux",
        max_length=100,
        blank=True,
        help_text="Facultatif : le titre montré quand l'article est partagé (Facebook, X…).",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "article"
        verbose_name_plural = "articles"
        ordering = ["-publish_at", "-pk"]
        get_latest_by = "publish_at"
        permissions = [
            ("publish_article", "Peut publier, programmer et dépublier des articles"),
            ("edit_any_article", "Peut modifier les articles des autres"),
        ]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_public_idx"),
            models.Index(fields=["category", "status", "-publish_at"], name="article_category_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:200]
        self.body = sanitize_html(self.body)
        if (
            not self._state.adding
            and not args
            and kwargs.get("update_fields") is None
            and not kwargs.get("force_insert")
        ):
            kwargs["update_fields"] = [
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key and field.attname not in self.COUNTER_FIELDS
            ]
        with transaction.atomic():
            old_url = None
            if self._loaded_path and self._loaded_path != self._path_parts():
                old = Article.objects.select_related("category").get(pk=self.pk)
                old_url = old.get_absolute_url()
            super().save(*args, **kwargs)
            if old_url:
                ArticleRedirect.objects.update_or_create(old_path=old_url, defaults={"article": self})
                ArticleRedirect.objects.filter(old_path=self.get_absolute_url()).delete()
        self._loaded_path = self._path_parts()

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"category_path": self.category.path, "slug": self.slug})

    # (category_id, slug) as loaded from the database: a change means a new URL.
    _loaded_path = None

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "category_id" in instance.__dict__ and "slug" in instance.__dict__:
            instance._loaded_path = instance._path_parts()
        return instance

    def _path_parts(self):
        return (self.category_id, self.slug)

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED and self.publish_at is not None and self.publish_at <= timezone.now()
        )

    @property
    def published_at(self):
        """The date the page gives as its publication."""
        return self.first_published_at or self.publish_at or self.created_at

    def modified_at(self, notes):
        """When the page says the article last changed: its publication, or its latest
        update or correction note. One definition for "Mis à jour le …", Open Graph's
        ``article:modified_time`` and JSON-LD's ``dateModified`` (a save that changes
        nothing a reader sees does not count)."""
        return max([self.published_at, *(note.created_at for note in notes)])

    @property
    def is_live(self):
        """A live, running or ended (its page shows the posts)."""
        return self.live != self.Live.NO

    @property
    def headline(self):
        """The title for search engines (``<title>``, JSON-LD), the editor's or the article's."""
        return self.seo_title or self.title

    @property
    def share_title(self):
        """The title of a shared link (Open Graph, X), the most specific one set."""
        return self.social_title or self.seo_title or self.title

    @property
    def photo_caption(self):
        return self.lead_photo_caption or (self.lead_photo.caption if self.lead_photo else "")

    @property
    def photo_credit(self):
        return self.lead_photo_credit or (self.lead_photo.credit if self.lead_photo else "")

    # Columns written only by their own atomic UPDATEs (read counting, reactions' moderation,
    # search indexing):
    # a save of a loaded article never writes back the values it loaded.
    COUNTER_FIELDS = frozenset({"reads", "reactions_count", "search_vector"})

    @classmethod
    def count_reads(cls, pk, n=1):
        """Add ``n`` reads in one atomic UPDATE (no read-modify-write in Python)."""
        return cls.objects.filter(pk=pk).update(reads=F("reads") + n)


class ArticleAuthor(models.Model):
    """The ordered byline of an article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, verbose_name="auteur", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "signature"
        verbose_name_plural = "signatures"
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="article_author_unique")]

    def __str__(self):
        return str(self.author)


class Box(models.Model):
    """An encadré: a boxed aside with its own heading, shown beside the body."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="boxes")
    heading = models.CharField("titre de l'encadré", max_length=200)
    body = models.TextField("texte de l'encadré", help_text="Texte simple ; une ligne vide sépare les paragraphes.")
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "encadré"
        verbose_name_plural = "encadrés"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.heading


class UpdateNote(models.Model):
    """A dated correction or update, shown publicly under the article."""

    class Kind(models.TextChoices):
        UPDATE = "update", "Mise à jour"
        CORRECTION = "correction", "Correction"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField("type", max_length=12, choices=Kind.choices, default=Kind.UPDATE)
    text = models.TextField("texte", max_length=1000)
    created_at = models.DateTimeField("date", default=timezone.now)

    class Meta:
        verbose_name = "note de mise à jour"
        verbose_name_plural = "notes de mise à jour"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.created_at:%d/%m/%Y}"


class ArticleRedirect(models.Model):
    """An old address of an article (slug or section changed): answers with a 301."""

    old_path = models.CharField(max_length=500, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self):
        return self.old_path


class ArticleRendering(models.Model):
    """The rendered parts of an archive article's page (``articles.fragments``), kept in
    the database: in a deep archive nearly every read finds the page out of every cache,
    and the parts are what a build costs most. Valid while the versions of its tags are
    those it was rendered at (``common.tagcache``), for the templates and site it names."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="rendering")
    made_for = models.CharField(max_length=300)  # the fragments' version and the site's origin
    parts = models.JSONField()  # fragment name -> HTML
    tags = models.JSONField()  # the tags the parts show, each with its version then
    page_tags = models.JSONField()  # the page's own tags (newsroom.cache)
    # Parts another app renders for the page (the reactions region), rendered after the
    # parts' versions were taken: name -> {"html", "until": a timestamp or None}.
    extras = models.JSONField(default=dict)
    expires_at = models.DateTimeField()  # a week on, or midnight when a date it shows says "à 14 h 05"
    built_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Rendu de l'article {self.article_id}"
