"""The moderators' queue. Every state change goes through comments.moderation."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.html import format_html, format_html_join

from articles.models import Category

from . import moderation
from .models import ModerationWord, Reaction, ReactionReport, ReactionTransition

State = Reaction.State


def _count(queryset, group_by):
    """A correlated COUNT(*) as a subquery, so the changelist stays one query per page."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()
        ),
        Value(0),
    )


class ReportReasonFilter(admin.SimpleListFilter):
    title = "motif de signalement"
    parameter_name = "signalement"

    def lookups(self, request, model_admin):
        return [("any", "Signalée (tout motif)"), *ReactionReport.Reason.choices]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        reports = ReactionReport.objects.filter(resolved=False)
        if value != "any":
            reports = reports.filter(reason=value)
        return queryset.filter(pk__in=reports.values("reaction_id"))


class ArticleFilter(admin.SimpleListFilter):
    """Articles with the latest reactions (a list of every article would not scale)."""

    title = "article"
    parameter_name = "article"

    def lookups(self, request, model_admin):
        latest = (
            Reaction.objects.order_by()
            .values("article_id", "article__title")
            .annotate(last=Max("created_at"))
            .order_by("-last")[:25]
        )
        return [(str(row["article_id"]), row["article__title"]) for row in latest]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(article_id=value)
        return queryset


class SectionFilter(admin.SimpleListFilter):
    """A region lists the reactions of all its sections."""

    title = "rubrique"
    parameter_name = "rubrique"

    def lookups(self, request, model_admin):
        return [(str(c.pk), c.full_name) for c in Category.objects.select_related("parent").order_by("path")]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(Q(article__category_id=value) | Q(article__category__parent_id=value))
        return queryset


class TransitionInline(admin.TabularInline):
    model = ReactionTransition
    extra = 0
    can_delete = False
    fields = ("at", "from_state", "to_state", "by", "note")
    readonly_fields = fields
    verbose_name_plural = "historique de modération"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return moderation.user_can_moderate(request.user)


class ReportInline(TransitionInline):
    model = ReactionReport
    fields = ("created_at", "reason", "resolved")
    readonly_fields = fields
    verbose_name_plural = "signalements"


@admin.register(Reaction)
class ReactionAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "message_highlighted",
        "article_link",
        "state",
        "open_reports",
        "name",
        "history",
        "email",
    )
    list_display_links = ("created_at",)
    list_filter = (
        "state",
        ReportReasonFilter,
        ArticleFilter,
        SectionFilter,
    )
    search_fields = ("name", "email", "message", "article__title")
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = ("approve", "reject", "mark_spam", "remove")
    inlines = (ReportInline, TransitionInline)
    fields = (
        "state",
        "article_link",
        "name",
        "email",
        "message_highlighted",
        "matched_words",
        "history",
        "created_at",
        "moderated_at",
        "moderated_by",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        history = Reaction.objects.filter(email=OuterRef("email")).exclude(email="")
        return (
            Reaction.objects.select_related("article__category__parent", "moderated_by")
            .annotate(
                approved_count=_count(history.filter(state=State.APPROVED), "email"),
                refused_count=_count(history.filter(state__in=[State.REJECTED, State.SPAM, State.REMOVED]), "email"),
                open_reports_count=_count(
                    ReactionReport.objects.filter(reaction=OuterRef("pk"), resolved=False), "reaction"
                ),
            )
            .annotate(
                queue_rank=Case(
                    When(state=State.PENDING, then=Value(0)),
                    When(open_reports_count__gt=0, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request):
        # Pending and reported first, then the oldest first: the order moderators work in.
        return ("queue_rank", "created_at", "pk")

    # Permissions: reading the queue needs view_reaction; every decision needs moderate_reaction.
    def has_moderate_permission(self, request):
        return moderation.user_can_moderate(request.user)

    def has_view_permission(self, request, obj=None):
        return moderation.user_can_moderate(request.user)

    def has_module_permission(self, request):
        return moderation.user_can_moderate(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # Columns
    @admin.display(description="message")
    def message_highlighted(self, obj):
        text = obj.message if len(obj.message) <= 300 else obj.message[:299] + "…"
        marked = moderation.highlight(text, obj.matched_words)
        if obj.matched_words:
            words = format_html_join(", ", "<mark>{}</mark>", ((word,) for word in obj.matched_words))
            return format_html("{}<br><small>Mots repérés : {}</small>", marked, words)
        return marked

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', obj.article.get_absolute_url(), obj.article.title
        )

    @admin.display(description="historique (publiées / refusées)")
    def history(self, obj):
        approved = getattr(obj, "approved_count", None)
        refused = getattr(obj, "refused_count", None)
        if approved is None:
            counts = moderation.commenter_history(obj.email)
            approved, refused = counts["approved"], counts["refused"]
        return format_html('<span title="publiées">{} ✓</span> / <span title="refusées">{} ✗</span>', approved, refused)

    @admin.display(description="signalements", ordering="open_reports_count")
    def open_reports(self, obj):
        return getattr(obj, "open_reports_count", 0) or ""

    # Actions: one service call per reaction, invalid moves reported, never a 500.
    def _apply(self, request, queryset, service, done_label):
        done, skipped = 0, 0
        for reaction in queryset:
            try:
                service(reaction=reaction, user=request.user)
            except ValidationError:
                skipped += 1
            except PermissionDenied:
                raise
            else:
                done += 1
                self.log_change(request, reaction, f"Réaction {done_label.replace('(s)', '')}")
        if done:
            self.message_user(request, f"{done} réaction(s) {done_label}.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"{skipped} réaction(s) ignorée(s) : leur état ne permet pas cette action.", messages.WARNING
            )

    @admin.action(description="Approuver", permissions=["moderate"])
    def approve(self, request, queryset):
        self._apply(request, queryset, moderation.reaction_approve, "approuvée(s)")

    @admin.action(description="Rejeter", permissions=["moderate"])
    def reject(self, request, queryset):
        self._apply(request, queryset, moderation.reaction_reject, "rejetée(s)")

    @admin.action(description="Spam", permissions=["moderate"])
    def mark_spam(self, request, queryset):
        self._apply(request, queryset, moderation.reaction_mark_spam, "marquée(s) comme spam")

    @admin.action(description="Retirer (réaction déjà publiée)", permissions=["moderate"])
    def remove(self, request, queryset):
        self._apply(request, queryset, moderation.reaction_remove, "retirée(s)")


@admin.register(ModerationWord)
class ModerationWordAdmin(admin.ModelAdmin):
    list_display = ("word", "kind")
    list_filter = ("kind",)
    search_fields = ("word", "folded")

    def has_module_permission(self, request):
        return moderation.user_can_moderate(request.user)

    def has_view_permission(self, request, obj=None):
        return moderation.user_can_moderate(request.user)

    def has_add_permission(self, request):
        return moderation.user_can_moderate(request.user)

    def has_change_permission(self, request, obj=None):
        return moderation.user_can_moderate(request.user)

    def has_delete_permission(self, request, obj=None):
        return moderation.user_can_moderate(request.user)
