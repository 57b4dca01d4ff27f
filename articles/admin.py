"""The newsroom's admin: journalists write, editors publish, moderators stay out.

Every state change goes through ``articles.services`` (buttons of the change form and
changelist actions alike); the admin only decides which buttons and actions a user is
offered. Rights per article come from ``services.user_can_edit``/``user_can_publish``
so that the admin, the services and the tests agree on one rule.
"""

from datetime import datetime

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max, Min, Prefetch, Q
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from common.french import french_datetime

from . import photos, renditions, services
from .apps import ARTICLE_REVISION_FOLLOW
from .forms import (
    WORKFLOW_BUTTONS,
    ArticleAdminForm,
    TagAutocompleteWidget,
    allow_editor_scripts,
    editor_media,
    requested_workflow_action,
)
from .models import Article, ArticleAuthor, ArticleQuerySet, Author, Box, Category, Photo, UpdateNote
from .sanitize import sanitize_html

Status = Article.Status


def _plural(count, singular, plural):
    return f"{count} {singular if count == 1 else plural}"


def _error_text(error):
    return " ".join(error.messages)


# --- Filters --------------------------------------------------------------------------


class CategoryListFilter(admin.RelatedFieldListFilter):
    """The category tree, by path, with each section under its region (one query)."""

    def field_choices(self, field, request, model_admin):
        return [
            (category.pk, category.full_name) for category in Category.objects.select_related("parent").order_by("path")
        ]


class UsedTagListFilter(admin.RelatedFieldListFilter):
    """Only the tags some article carries, not every tag ever typed.

    A semi-join (``pk IN (…)``) stops at the first tagged article of each tag; joining
    the tagged items and then DISTINCT read every one of them (seconds at 100 000
    articles, see bench/README.md).
    """

    def field_choices(self, field, request, model_admin):
        used = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Article))
        return list(Tag.objects.filter(pk__in=used.values("tag_id")).order_by("name").values_list("pk", "name"))


class BylineListFilter(admin.RelatedFieldListFilter):
    """The authors who sign at least one article.

    What ``RelatedOnlyFieldListFilter`` shows, without its DISTINCT over every article
    joined to its bylines: one index probe per author instead.
    """

    def field_choices(self, field, request, model_admin):
        signed = ArticleAuthor.objects.values("author_id")
        return list(Author.objects.filter(pk__in=signed).order_by("name").values_list("pk", "name"))


class StatusListFilter(admin.SimpleListFilter):
    """The stored statuses, with "Programmé" (published, time to come) apart from "En ligne"."""

    title = "statut"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            (Status.DRAFT, "Brouillon"),
            (Status.REVIEW, "En relecture"),
            (services.SCHEDULED, "Programmé"),
            (Status.PUBLISHED, "En ligne"),
            (Status.UNPUBLISHED, "Dépublié"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == services.SCHEDULED:
            return queryset.scheduled()
        if value == Status.PUBLISHED:
            return queryset.published()
        if value in {Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED}:
            return queryset.filter(status=value)
        return queryset


class MineListFilter(admin.SimpleListFilter):
    title = "mes articles"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "Mes articles")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(
                Q(created_by=request.user) | Q(article_authors__author__user=request.user)
            ).distinct()
        return queryset


# --- Inlines --------------------------------------------------------------------------


class ArticleChildInline:
    """Rows of an article (byline, encadrés, notes) are editable by who may edit it."""

    def _article_editable(self, request, obj):
        return obj is None or services.user_can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


class ArticleAuthorInline(ArticleChildInline, admin.TabularInline):
    model = ArticleAuthor
    fields = ("author", "position")
    autocomplete_fields = ("author",)
    extra = 0
    verbose_name = "signature"
    verbose_name_plural = "signatures (dans l'ordre)"


class BoxInline(ArticleChildInline, admin.StackedInline):
    model = Box
    fields = ("heading", "body", "position")
    extra = 0


class UpdateNoteInline(ArticleChildInline, admin.TabularInline):
    model = UpdateNote
    fields = ("kind", "text", "created_at")
    extra = 0


# --- Articles -------------------------------------------------------------------------


class YearProbingQuerySet(ArticleQuerySet):
    """The years of the changelist's date hierarchy, found without reading every row.

    Django lists them with ``SELECT DISTINCT date_trunc('year', publish_at)``, a full
    scan and sort: 0.3 to 0.9 s at 100 000 articles (bench/README.md, "Scale"). Here:
    the first and last dates, then one EXISTS per year in between, each a short range
    scan of ``article_recent_idx``. Same years, same order.
    """

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind != "year":
            return super().datetimes(field_name, kind, order, tzinfo)
        bounds = self.aggregate(first=Min(field_name), last=Max(field_name))
        if bounds["first"] is None:
            return []
        zone = tzinfo or timezone.get_current_timezone()
        years = []
        for year in range(bounds["first"].astimezone(zone).year, bounds["last"].astimezone(zone).year + 1):
            start = datetime(year, 1, 1, tzinfo=zone)
            within = {f"{field_name}__gte": start, f"{field_name}__lt": datetime(year + 1, 1, 1, tzinfo=zone)}
            if self.filter(**within).exists():
                years.append(start)
        return years if order == "ASC" else years[::-1]


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = ArticleAdminForm
    list_display = ("title", "section", "byline", "tag_list", "status_column", "publish_at", "reads_column")
    list_filter = (
        MineListFilter,
        StatusListFilter,
        ("category", CategoryListFilter),
        ("authors", BylineListFilter),
        ("tags", UsedTagListFilter),
    )
    search_fields = ("title", "slug", "standfirst", "authors__name")
    date_hierarchy = "publish_at"
    list_select_related = ("category__parent",)
    list_per_page = 50
    # "50 articles (100 000 au total)" costs a second COUNT(*) over the whole table on
    # every filtered view; the filtered count alone is enough.
    show_full_result_count = False
    autocomplete_fields = ("lead_photo", "related")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (ArticleAuthorInline, BoxInline, UpdateNoteInline)
    history_latest_first = True
    change_list_template = "admin/articles/article/change_list.html"
    readonly_fields = (
        "status_column",
        "first_published_at",
        "created_by",
        "created_at",
        "updated_at",
        "body_preview",
        "live_desk_link",
    )
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "standfirst", "body")}),
        ("Photo principale", {"fields": ("lead_photo", "lead_photo_caption", "lead_photo_credit")}),
        ("Mots-clés et liens", {"fields": ("tags", "new_tags", "related")}),
        ("Référencement et partage", {"fields": ("seo_title", "social_title"), "classes": ("collapse",)}),
        (
            "Publication",
            {
                "fields": (
                    "status_column",
                    "publish_at",
                    "first_published_at",
                    ("created_by", "created_at", "updated_at"),
                    ("reactions_enabled", "reactions_open_days"),
                    ("live", "live_desk_link"),
                )
            },
        ),
    )
    actions = ("publish_selected", "schedule_selected", "unpublish_selected", "submit_selected", "return_selected")

    # Queries ---------------------------------------------------------------------------

    def get_queryset(self, request):
        base = super().get_queryset(request)
        return (
            YearProbingQuerySet(model=base.model, query=base.query, using=base._db)
            .select_related("category__parent")
            .prefetch_related(
                Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
                "tags",
            )
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            # The options show "Région / Rubrique": load the parents with them.
            kwargs["queryset"] = Category.objects.select_related("parent").order_by("path")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "tags" in form.base_fields:
            form.base_fields["tags"].widget = TagAutocompleteWidget(
                url=reverse(f"{self.admin_site.name}:articles_article_tag_autocomplete")
            )
        return form

    # Columns ---------------------------------------------------------------------------

    @admin.display(description="rubrique", ordering="category__path")
    def section(self, obj):
        return obj.category.full_name

    @admin.display(description="auteurs")
    def byline(self, obj):
        return ", ".join(link.author.name for link in obj.article_authors.all())

    @admin.display(description="mots-clés")
    def tag_list(self, obj):
        return ", ".join(sorted(tag.name for tag in obj.tags.all()))

    @admin.display(description="statut", ordering="status")
    def status_column(self, obj):
        state = "Programmé" if services.article_state(obj) == services.SCHEDULED else obj.get_status_display()
        return f"{state} · {obj.get_live_display().lower()}" if obj.is_live else state

    @admin.display(description="lectures", ordering="reads")
    def reads_column(self, obj):
        return obj.reads

    @admin.display(description="messages du direct")
    def live_desk_link(self, obj):
        """The live's desk (the live app's admin), where its posts are written."""
        if obj is None or not obj.pk or not obj.is_live:
            return "Enregistrez l'article comme direct pour y écrire des messages."
        try:
            url = reverse("admin:live_desk", args=[obj.pk])
        except NoReverseMatch:
            return "—"
        return format_html('<a href="{}">Écrire et gérer les messages du direct</a>', url)

    @admin.display(description="texte")
    def body_preview(self, obj):
        # Sanitised on save and again here: the stored text is the editor's safe subset.
        return mark_safe(sanitize_html(obj.body))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only page (a colleague's article): the text as readers will see it.
        swap = {"body": "body_preview"}
        return [
            (name, {**options, "fields": [swap.get(f, f) for f in options["fields"] if f != "new_tags"]})
            for name, options in fieldsets
        ]

    # Rights ----------------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.user_can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not services.user_can_edit(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def has_publish_permission(self, request):
        return services.user_can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not services.user_can_publish(request.user) or (obj is not None and obj.is_public):
            # Only editors set the publication time (it is what "Programmer" uses), and
            # the time an article went online is history: unpublish to set another.
            readonly.append("publish_at")
        return readonly

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    # Saving ----------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.save()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        author = getattr(request.user, "author", None) if not change else None
        if author is not None and not article.article_authors.exists():
            # A journalist's new article is signed with their name unless they chose a byline.
            ArticleAuthor.objects.create(article=article, author=author, position=0)

    def response_add(self, request, obj, post_url_continue=None):
        if requested_workflow_action(request.POST):
            return self._run_workflow(request, obj, requested_workflow_action(request.POST))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if requested_workflow_action(request.POST):
            return self._run_workflow(request, obj, requested_workflow_action(request.POST))
        return super().response_change(request, obj)

    def _run_workflow(self, request, article, action):
        """Run one button's service after the form is saved.

        A PermissionDenied propagates: the admin's transaction is rolled back (the
        form's changes too) and the user gets a 403. A rule the state breaks (say,
        an article already unpublished in another tab) keeps the saved changes and
        says what could not be done.
        """
        try:
            message = self._apply(request, article, action)
        except ValidationError as error:
            self.message_user(
                request,
                f"Les modifications de « {article} » sont enregistrées, mais : {_error_text(error)}",
                messages.ERROR,
            )
        else:
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:articles_article_change", args=[article.pk]))

    def _apply(self, request, article, action):
        user = request.user
        if action == "submit":
            services.article_submit(article=article, user=user)
            return f"« {article} » est soumis à la relecture de la rédaction en chef."
        if action == "publish":
            services.article_publish(article=article, user=user)
            return f"« {article} » est publié : il est en ligne."
        if action == "schedule":
            services.article_schedule(article=article, user=user, at=article.publish_at)
            return f"« {article} » est programmé : il sera en ligne {french_datetime(article.publish_at)}."
        if action == "unpublish":
            services.article_unpublish(article=article, user=user)
            return f"« {article} » est dépublié : il n'est plus visible sur le site."
        if action == "return_to_draft":
            services.article_return_to_draft(article=article, user=user)
            return f"« {article} » est renvoyé en brouillon à son auteur."
        raise ValueError(action)

    # Change form -----------------------------------------------------------------------

    def workflow_buttons(self, request, obj):
        """The workflow buttons this user may use on this article, as (name, label)."""
        if obj is not None and not self.has_change_permission(request, obj):
            return []
        if obj is None and not self.has_add_permission(request):
            return []
        return [
            (f"_workflow_{action.name}", action.label)
            for action in services.available_actions(request.user, obj if obj is not None else Article())
            if f"_workflow_{action.name}" in WORKFLOW_BUTTONS
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_buttons"] = self.workflow_buttons(request, obj)
        context["workflow_names"] = [name for name, _label in context["workflow_buttons"]]
        context["is_public"] = obj is not None and obj.is_public
        context["can_preview"] = obj is not None and services.user_can_preview(request.user, obj)
        # The editor's import map is an inline <script>: it needs the CSP nonce.
        context["media"] = editor_media(request, context.get("media"))
        response = super().render_change_form(request, context, add, change, form_url, obj)
        return allow_editor_scripts(request, response)

    # Tags ------------------------------------------------------------------------------

    def get_urls(self):
        urls = [
            path(
                "tag-autocomplete/",
                self.admin_site.admin_view(self.tag_autocomplete_view),
                name="articles_article_tag_autocomplete",
            )
        ]
        return urls + super().get_urls()

    def tag_autocomplete_view(self, request):
        """Tag names for the select2 of the form: {"results": [{"id", "text"}], "pagination"}."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        term = " ".join(request.GET.get("term", "").split())[:100]
        tags = Tag.objects.order_by("name")
        if term:
            tags = tags.filter(name__icontains=term)
        try:
            number = int(request.GET.get("page", 1))
        except ValueError:
            number = 1
        page = Paginator(tags.values_list("name", flat=True), 20).get_page(number)
        return JsonResponse(
            {
                "results": [{"id": name, "text": name} for name in page],
                "pagination": {"more": page.has_next()},
            }
        )

    # Restore ---------------------------------------------------------------------------

    def reversion_register(self, model, **kwargs):
        # Called for the article (and its inlines) before ArticlesConfig.ready().
        if model is Article:
            kwargs["follow"] = ARTICLE_REVISION_FOLLOW
        super().reversion_register(model, **kwargs)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """An earlier text, shown; restored by ``services.article_restore`` on POST."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if "restore" not in {action.name for action in services.available_actions(request.user, article)}:
            raise PermissionDenied
        version = get_object_or_404(services.article_versions(article), pk=version_id)
        if request.method == "POST":
            services.article_restore(article=article, version=version, user=request.user)
            self.message_user(
                request,
                f"« {article} » reprend son texte enregistré {french_datetime(version.revision.date_created)} ; "
                "son statut et ses lectures sont inchangés.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse(f"{self.admin_site.name}:articles_article_change", args=[article.pk]))
        return self._version_page(
            request,
            version,
            title=f"Restaurer une version de « {article} »",
            intro="Le texte ci-dessous remplacera le texte actuel ; le statut, les dates et les lectures "
            "de l'article ne changent pas.",
            button=services.ACTION_LABELS["restore"],
            article=article,
        )

    def recoverlist_view(self, request, extra_context=None):
        if not (services.user_can_recover(request.user) and self.has_delete_permission(request)):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """A deleted article, shown; recovered as a draft by ``services.article_recover`` on POST."""
        if "recover" not in {action.name for action in services.available_actions(request.user, None)}:
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(Article), pk=version_id)
        if request.method == "POST":
            try:
                article = services.article_recover(version=version, user=request.user)
            except ValidationError as error:
                self.message_user(request, _error_text(error), messages.ERROR)
                return HttpResponseRedirect(reverse(f"{self.admin_site.name}:articles_article_recoverlist"))
            self.message_user(request, f"« {article} » est récupéré en brouillon.", messages.SUCCESS)
            return HttpResponseRedirect(reverse(f"{self.admin_site.name}:articles_article_change", args=[article.pk]))
        return self._version_page(
            request,
            version,
            title=f"Récupérer « {version.object_repr} »",
            intro="L'article revient en brouillon, tel qu'il était à sa dernière version, "
            "pour être relu avant d'être publié à nouveau.",
            button=services.ACTION_LABELS["recover"],
            article=None,
        )

    def _version_page(self, request, version, *, title, intro, button, article):
        fields = version.field_dict
        children = {
            model: [
                child.field_dict
                for child in version.revision.version_set.filter(content_type=ContentType.objects.get_for_model(model))
            ]
            for model in (Box, TaggedItem)
        }
        article_id = str(version.object_id)
        tag_ids = [item["tag_id"] for item in children[TaggedItem] if str(item["object_id"]) == article_id]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "intro": intro,
            "button": button,
            "article": article,
            "version": version,
            "saved_at": french_datetime(version.revision.date_created),
            "old": fields,
            "old_body": mark_safe(sanitize_html(fields.get("body", ""))),
            "old_boxes": sorted(
                (box for box in children[Box] if str(box["article_id"]) == article_id),
                key=lambda box: box.get("position", 0),
            ),
            "old_tags": sorted(Tag.objects.filter(pk__in=tag_ids).values_list("name", flat=True)),
        }
        return TemplateResponse(request, "admin/articles/article/version_confirm.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"can_recover": services.user_can_recover(request.user), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    # Actions ---------------------------------------------------------------------------

    def _run_bulk(self, request, queryset, apply, done_singular, done_plural):
        """Run ``apply(article)`` on each article; rule errors are reported one by one.

        A PermissionDenied on any article aborts the whole action (403, nothing
        changed): the changelist runs in one transaction.
        """
        done = 0
        for article in queryset.select_related("category"):
            try:
                with transaction.atomic():
                    apply(article)
            except ValidationError as error:
                self.message_user(request, f"« {article} » : {_error_text(error)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, _plural(done, done_singular, done_plural) + ".", messages.SUCCESS)

    @admin.action(description="Publier", permissions=["publish"])
    def publish_selected(self, request, queryset):
        def apply(article):
            services.article_publish(article=article, user=request.user)

        self._run_bulk(request, queryset, apply, "article publié", "articles publiés")

    @admin.action(description="Programmer (à leur date de publication)", permissions=["publish"])
    def schedule_selected(self, request, queryset):
        def apply(article):
            services.article_schedule(article=article, user=request.user, at=article.publish_at)

        self._run_bulk(request, queryset, apply, "article programmé", "articles programmés")

    @admin.action(description="Dépublier", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        def apply(article):
            services.article_unpublish(article=article, user=request.user)

        self._run_bulk(request, queryset, apply, "article dépublié", "articles dépubliés")

    @admin.action(description="Soumettre à la relecture", permissions=["change"])
    def submit_selected(self, request, queryset):
        def apply(article):
            services.article_submit(article=article, user=request.user)

        self._run_bulk(request, queryset, apply, "article soumis à la relecture", "articles soumis à la relecture")

    @admin.action(description="Renvoyer en brouillon", permissions=["publish"])
    def return_selected(self, request, queryset):
        def apply(article):
            services.article_return_to_draft(article=article, user=request.user)

        self._run_bulk(request, queryset, apply, "article renvoyé en brouillon", "articles renvoyés en brouillon")


# --- Library: photos, authors, sections -----------------------------------------------


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ("thumbnail", "__str__", "credit", "uploaded_by", "size", "created_at")
    list_display_links = ("thumbnail", "__str__")
    search_fields = ("caption", "credit", "alt_text")
    date_hierarchy = "created_at"
    fields = ("image", "thumbnail", "caption", "credit", "alt_text", "size", "uploaded_by", "created_at")
    readonly_fields = ("thumbnail", "size", "uploaded_by", "created_at")
    list_select_related = ("uploaded_by",)
    actions = ["rebuild_selected"]

    @admin.display(description="vignette")
    def thumbnail(self, obj):
        sizes = obj.rendition_urls("jpeg") if obj.pk else []
        if not sizes:
            return "—"
        width, url = sizes[0]
        return format_html('<img src="{}" width="120" alt="{}" loading="lazy">', url, obj.alt_text)

    @admin.display(description="dimensions")
    def size(self, obj):
        if obj.width and obj.height:
            return f"{obj.width} × {obj.height} px"
        return "—"

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and photos.photo_user_can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and photos.photo_user_can_edit(request.user, obj)

    def save_model(self, request, obj, form, change):
        photos.photo_save(photo=obj, user=request.user)

    @admin.action(description="Refaire les déclinaisons des photos sélectionnées", permissions=["change"])
    def rebuild_selected(self, request, queryset):
        done = 0
        for photo in queryset:
            if photos.photo_user_can_edit(request.user, photo):
                renditions.photo_rebuild_renditions(photo=photo)
                done += 1
        self.message_user(request, f"Déclinaisons refaites : {_plural(done, 'photo', 'photos')}.", messages.SUCCESS)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "user")
    list_select_related = ("user",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("photo",)
    raw_id_fields = ("user",)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("tree_name", "path", "position")
    list_select_related = ("parent",)
    search_fields = ("name", "path")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("path",)
    fields = ("name", "slug", "parent", "path", "position", "description")
    readonly_fields = ("path",)

    @admin.display(description="rubrique", ordering="path")
    def tree_name(self, obj):
        if obj.parent_id:
            return format_html('<span aria-hidden="true">└&nbsp;</span>{}', obj.name)
        return format_html("<strong>{}</strong>", obj.name)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Category.objects.filter(parent__isnull=True).order_by("path")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
