from django.contrib import admin
from django.db import models
from django.utils import timezone

from .models import FRONT_SLOTS, AdCampaign, AdPlacement, BreakingNews, FrontPage, FrontSlot, SitePage


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

    @admin.display(description="articles choisis")
    def chosen(self, obj):
        return ", ".join(f"{slot.position}. {slot.article.title}" for slot in obj.slots.select_related("article"))


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
