"""The moderators' queue. Every state change goes through comments.moderation."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from articles.models import Category
from common.french import day_month, french_datetime, hour_minute

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


class StateFilter(admin.SimpleListFilter):
    """The list opens on "En attente", the moderators' work; "Tout" shows every state.

    Only a bare list opens on the queue: with a search or another filter the moderator
    looks for something, and every state is searched.
    """

    title = "état"
    parameter_name = "state__exact"
    ALL = "tout"

    def __init__(self, request, params, model, model_admin):
        self.bare = all(key in ("o", "p") for key in request.GET)
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [*State.choices, (self.ALL, "Tout")]

    def value(self):
        value = super().value()
        if value is None and self.bare:
            return State.PENDING
        return value

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(state=value) if value in State.values else queryset

    def choices(self, changelist):
        current = self.value()
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == lookup or (lookup == self.ALL and current not in State.values),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


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
        "sent_on",
        "message_highlighted",
        "commenter",
        "article_link",
        "state",
        "open_reports",
    )
    list_display_links = ("sent_on",)
    list_filter = (
        StateFilter,
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
        "sent_on",
        "moderated_on",
        "moderated_by",
    )
    readonly_fields = fields
    # The queue takes the whole width (no app sidebar), and its own column widths.
    change_list_template = "admin/comments/reaction/change_list.html"
    change_form_template = "admin/comments/reaction/change_form.html"

    class Media:
        css = {"all": ["comments/admin.css"]}

    # A reaction's page offers the moves its state allows, each through its service.
    DECISIONS = {
        "approve": (moderation.reaction_approve, State.APPROVED, "Approuver", "approuvée"),
        "reject": (moderation.reaction_reject, State.REJECTED, "Rejeter", "rejetée"),
        "spam": (moderation.reaction_mark_spam, State.SPAM, "Spam", "marquée comme spam"),
        "remove": (moderation.reaction_remove, State.REMOVED, "Retirer", "retirée"),
    }

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

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        return [path("<path:object_id>/decider/", decide, name="comments_reaction_decide"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        reaction = self.get_object(request, unquote(object_id))
        decisions = []
        if reaction is not None and self.has_moderate_permission(request):
            allowed = moderation.MODERATOR_MOVES.get(reaction.state, set())
            decisions = [(key, label) for key, (_, to, label, _) in self.DECISIONS.items() if to in allowed]
            if reaction.state == State.APPROVED and reaction.open_reports_count:
                decisions.insert(0, ("approve", "Maintenir (écarter les signalements)"))
        context = {
            **(extra_context or {}),
            "decisions": decisions,
            "decide_url": reverse("admin:comments_reaction_decide", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context=context)

    def decide_view(self, request, object_id):
        """The buttons of a reaction's page: one service call, a French message, back to the queue."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        reaction = self.get_object(request, unquote(object_id))
        if reaction is None:
            raise Http404("Réaction introuvable.")
        change_url = reverse("admin:comments_reaction_change", args=[reaction.pk])
        preserved = request.GET.get("_changelist_filters", "")
        decision = self.DECISIONS.get(request.POST.get("decision", ""))
        if decision is None:
            self.message_user(request, "Décision inconnue.", messages.ERROR)
            return redirect(change_url)
        service, _, _, done = decision
        try:
            service(reaction=reaction, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect(change_url)
        self.log_change(request, reaction, f"Réaction {done}")
        self.message_user(
            request,
            f"Réaction de {reaction.name} {done} {french_datetime(reaction.moderated_at)}.",
            messages.SUCCESS,
        )
        changelist = reverse("admin:comments_reaction_changelist")
        return redirect(f"{changelist}?{preserved}" if preserved else changelist)

    # Columns
    @admin.display(description="envoyée le", ordering="created_at")
    def sent_on(self, obj):
        return f"{day_month(obj.created_at)} à {hour_minute(obj.created_at)}"

    @admin.display(description="modérée le", ordering="moderated_at")
    def moderated_on(self, obj):
        if obj.moderated_at is None:
            return "—"
        return f"{day_month(obj.moderated_at)} à {hour_minute(obj.moderated_at)}"

    @admin.display(description="lecteur", ordering="name")
    def commenter(self, obj):
        """Name, address and track record in one column, so that none is cut at 1 280 px."""
        return format_html(
            '<strong class="commenter-name">{}</strong><br><span class="commenter-email">{}</span><br>{}',
            obj.name,
            obj.email or "—",
            self.history(obj),
        )

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
