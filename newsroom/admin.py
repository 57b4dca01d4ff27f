from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from articles.models import Article

from .corrections import correction_accept, correction_check, correction_propose, correction_refuse, user_can_decide
from .models import (
    FRONT_SLOTS,
    AdCampaign,
    AdPlacement,
    BreakingNews,
    CorrectionProposal,
    FrontPage,
    FrontSlot,
    SitePage,
)


class RunningFilter(admin.SimpleListFilter):
    title = "diffusion"
    parameter_name = "diffusion"

    def lookups(self, request, model_admin):
        return [("en-cours", "En cours"), ("a-venir", "À venir"), ("terminee", "Terminée")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "en-cours":
            return queryset.running(now)
        if self.value() == "a-venir":
            return queryset.filter(starts_at__gt=now)
        if self.value() == "terminee":
            return queryset.filter(ends_at__lte=now)
        return queryset


@admin.register(AdPlacement)
class AdPlacementAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "height"]
    search_fields = ["name", "slug"]


@admin.register(AdCampaign)
class AdCampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "advertiser", "placement", "starts_at", "ends_at", "priority", "running"]
    list_filter = [RunningFilter, "placement", "is_active"]
    list_select_related = ["placement"]
    search_fields = ["name", "advertiser", "headline"]
    date_hierarchy = "starts_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["placement", "name", "advertiser", "is_active", "priority"]}),
        ("Diffusion", {"fields": ["starts_at", "ends_at"]}),
        ("Annonce", {"fields": ["headline", "text", "image", "image_alt", "target_url"]}),
    ]

    @admin.display(boolean=True, description="en cours")
    def running(self, obj):
        return obj.is_running


class FrontSlotInline(admin.TabularInline):
    model = FrontSlot
    extra = FRONT_SLOTS
    max_num = FRONT_SLOTS
    autocomplete_fields = ["article"]
    verbose_name = "place"
    verbose_name_plural = "Articles à la une (une place vide montre l'article le plus récent)"


@admin.register(FrontPage)
class FrontPageAdmin(admin.ModelAdmin):
    """La une: editors pick and order the home's and each region's top stories."""

    list_display = ["__str__", "chosen", "updated_at"]
    list_select_related = ["region"]
    inlines = [FrontSlotInline]
    fields = ["region"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("slots__article")

    @admin.display(description="articles choisis")
    def chosen(self, obj):
        return ", ".join(f"{slot.position}. {slot.article.title}" for slot in obj.slots.all())


@admin.register(BreakingNews)
class BreakingNewsAdmin(admin.ModelAdmin):
    list_display = ["text", "starts_at", "ends_at", "on_air"]
    search_fields = ["text"]
    autocomplete_fields = ["article"]
    date_hierarchy = "starts_at"
    fields = ["text", "article", "starts_at", "ends_at"]

    @admin.display(boolean=True, description="à l'antenne")
    def on_air(self, obj):
        return obj.is_on_air

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "in_footer", "position", "updated_at"]
    list_editable = ["in_footer", "position"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


class CorrectionProposalForm(forms.ModelForm):
    class Meta:
        model = CorrectionProposal
        fields = ["article", "text"]

    def clean(self):
        cleaned = super().clean()
        article, text = cleaned.get("article"), cleaned.get("text")
        if article is not None and text:
            try:
                correction_check(article=article, user=self.user, text=text)
            except (PermissionDenied, ValidationError) as error:
                raise ValidationError(getattr(error, "messages", None) or [str(error)]) from error
        return cleaned


@admin.register(CorrectionProposal)
class CorrectionProposalAdmin(admin.ModelAdmin):
    """Journalists propose corrections to their published articles; editors decide."""

    form = CorrectionProposalForm
    list_display = ["article", "state", "proposed_by", "proposed_at", "decided_by", "decided_at"]
    list_filter = ["state"]
    list_select_related = ["article", "proposed_by", "decided_by"]
    search_fields = ["article__title", "text"]
    actions = ["accept_selected", "refuse_selected"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        listing = getattr(request.resolver_match, "url_name", "").endswith("_changelist")
        if listing and not user_can_decide(request.user):
            return queryset.filter(proposed_by=request.user)  # a journalist's list: their own
        return queryset

    def _own_or_decider(self, request, obj):
        return obj is None or user_can_decide(request.user) or obj.proposed_by_id == request.user.pk

    def has_view_permission(self, request, obj=None):
        return self._own_or_decider(request, obj) and super().has_view_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            public = Article.objects.published().select_related("category")
            if not user_can_decide(request.user):
                public = public.filter(
                    Q(created_by=request.user) | Q(article_authors__author__user=request.user)
                ).distinct()
            kwargs["queryset"] = public.order_by("-publish_at")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            return  # a proposal is never edited: editors decide with the list's actions
        created = correction_propose(article=obj.article, user=request.user, text=obj.text)
        obj.pk, obj.proposed_by, obj._state.adding = created.pk, created.proposed_by, False

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["article", "text", "state", "proposed_by", "proposed_at", "decided_by", "decided_at", "note"]

    def get_fields(self, request, obj=None):
        return ["article", "text"] if obj is None else self.get_readonly_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None and (obj.state != CorrectionProposal.State.PENDING or not user_can_decide(request.user)):
            return False  # decided, or not the editors': read-only
        return super().has_change_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not user_can_decide(request.user):
            actions.pop("accept_selected", None)
            actions.pop("refuse_selected", None)
        return actions

    def _decide_each(self, request, queryset, service, done):
        count = 0
        for proposal in queryset.select_related("article"):
            try:
                service(proposal=proposal, user=request.user)
                count += 1
            except (PermissionDenied, ValidationError) as error:
                self.message_user(
                    request,
                    f"« {proposal.article} » : {' '.join(getattr(error, 'messages', [str(error)]))}",
                    messages.WARNING,
                )
        if count:
            self.message_user(
                request, f"{count} correction{'s' if count > 1 else ''} {done}{'s' if count > 1 else ''}."
            )

    @admin.action(description="Valider et publier les corrections choisies")
    def accept_selected(self, request, queryset):
        self._decide_each(request, queryset, correction_accept, "validée")

    @admin.action(description="Refuser les corrections choisies")
    def refuse_selected(self, request, queryset):
        self._decide_each(request, queryset, correction_refuse, "refusée")
