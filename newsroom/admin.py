from django.contrib import admin
from django.db import models
from django.utils import timezone

from .models import AdCampaign, AdPlacement


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
