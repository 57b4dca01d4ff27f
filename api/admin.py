from django.contrib import admin, messages

from .models import ApiToken
from .tokens import token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by ``manage.py api_token`` (shown once) and only revoked here."""

    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "is_active_display")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    list_select_related = ("user",)
    search_fields = ("prefix", "name", "user__username")
    readonly_fields = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke_selected"]

    @admin.display(description="actif", boolean=True)
    def is_active_display(self, obj):
        return obj.is_active

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The change view shows the token read-only; revoking is the one change.
        return request.user.has_perm("api.change_apitoken")

    @admin.action(description="Révoquer les jetons sélectionnés", permissions=["change"])
    def revoke_selected(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            token_revoke(token=token)
            count += 1
        self.message_user(request, f"{count} jeton(s) révoqué(s).", messages.SUCCESS)
