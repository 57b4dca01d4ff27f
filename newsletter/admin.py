import csv

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone

from .models import Subscriber
from .services import subscriber_erase


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """The editors' list: who receives the letter, since when, and the two GDPR acts
    (export, erasure). Subscriptions themselves only come from the readers' confirmation."""

    list_display = ("email", "region_list", "status", "consent_at", "last_digest_on")
    list_filter = ("status", "regions")
    search_fields = ("email",)
    date_hierarchy = "consent_at"
    readonly_fields = ("email", "regions", "status", "consent_at", "unsubscribed_at", "last_digest_on")
    actions = ["export_csv", "erase_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("regions")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # erasure goes through the service
        return actions

    @admin.display(description="régions")
    def region_list(self, obj):
        return ", ".join(region.name for region in obj.regions.all())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Exporter en CSV", permissions=["export"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="abonnes-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow(["adresse", "régions", "état", "consentement", "désinscription", "dernière lettre"])
        for subscriber in queryset.prefetch_related("regions"):
            writer.writerow(
                [
                    subscriber.email,
                    " ; ".join(region.name for region in subscriber.regions.all()),
                    subscriber.get_status_display(),
                    subscriber.consent_at.isoformat(),
                    subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else "",
                    subscriber.last_digest_on.isoformat() if subscriber.last_digest_on else "",
                ]
            )
        return response

    def has_export_permission(self, request):
        return request.user.has_perm("newsletter.export_subscriber")

    @admin.action(description="Effacer définitivement (demande RGPD)", permissions=["delete"])
    def erase_selected(self, request, queryset):
        count = 0
        for subscriber in queryset:
            subscriber_erase(subscriber=subscriber)
            count += 1
        self.message_user(request, f"{count} abonné(s) effacé(s).", messages.SUCCESS)
