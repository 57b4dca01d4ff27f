"""The journalists' side of a live: the list of lives, and each live's desk with the
quick form (one field; Ctrl+Enter sends). Every change goes through live.services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles.forms import allow_editor_scripts, editor_media
from articles.models import Article

from . import services
from .models import LivePost, LivePostChange


class QuickPostForm(forms.ModelForm):
    class Meta:
        model = LivePost
        fields = ("body", "pinned")
        labels = {"body": "Nouveau message", "pinned": "Message clé (épinglé en tête)"}

    class Media:
        js = ("admin/js/live_desk.js",)


class LivePostChangeInline(admin.TabularInline):
    model = LivePostChange
    fields = ("at", "action", "user", "previous_body")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Traces"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LivePost)
class LivePostAdmin(admin.ModelAdmin):
    """Its list is the list of lives; a post is written at its live's desk and corrected
    here (the trace below the form says who changed what)."""

    fields = ("body",)
    inlines = (LivePostChangeInline,)

    def get_urls(self):
        return [
            path("direct/<int:article_id>/", self.admin_site.admin_view(self.desk_view), name="live_desk"),
            *super().get_urls(),
        ]

    # The list of lives ---------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        lives = (
            Article.objects.exclude(live=Article.Live.NO)
            .select_related("category__parent")
            .annotate(
                post_count=Count("live_posts", filter=Q(live_posts__deleted_at__isnull=True)),
                last_post_at=Max("live_posts__created_at"),
            )
            .order_by("-live", "-publish_at", "-pk")  # "running" before "ended"
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "Directs",
            "opts": self.model._meta,
            "lives": lives[:100],
        }
        return TemplateResponse(request, "admin/live/index.html", context)

    # A live's desk --------------------------------------------------------------------

    def desk_view(self, request, article_id):
        article = get_object_or_404(Article.objects.select_related("category"), pk=article_id)
        if not (self.has_view_permission(request) and article.is_live):
            raise PermissionDenied
        can_post = services.user_can_post_live(request.user, article)
        form = QuickPostForm()
        status = 200
        if request.method == "POST":
            if not can_post:
                raise PermissionDenied
            action = request.POST.get("action", "post")
            if action == "post":
                form = QuickPostForm(request.POST)
                if form.is_valid():
                    try:
                        services.live_post_add(
                            article=article,
                            user=request.user,
                            body=form.cleaned_data["body"],
                            pinned=form.cleaned_data["pinned"],
                        )
                    except ValidationError as error:
                        form.add_error("body", error)
                    else:
                        messages.success(request, "Message publié.")
                        return HttpResponseRedirect(request.path)
                status = 400
            else:
                response = self._desk_action(request, article, action)
                if response is not None:
                    return response
                status = 400
        posts = LivePost.objects.filter(article=article).newest_first()[:200]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Direct : {article.title}",
            "opts": self.model._meta,
            "article": article,
            "form": form,
            "media": editor_media(request, self.media + form.media),
            "can_post": can_post and article.live == Article.Live.RUNNING,
            "can_manage": can_post,
            "posts": [(post, services.user_can_change_post(request.user, post, may_post=can_post)) for post in posts],
        }
        response = TemplateResponse(request, "admin/live/desk.html", context, status=status)
        return allow_editor_scripts(request, response)

    def _desk_action(self, request, article, action):
        """Pin, unpin, delete a post; end or reopen the live. None when refused (400)."""
        try:
            if action in ("end", "reopen"):
                state = Article.Live.ENDED if action == "end" else Article.Live.RUNNING
                services.live_set_state(article=article, user=request.user, state=state)
                messages.success(request, "Direct terminé." if action == "end" else "Direct rouvert.")
                return HttpResponseRedirect(request.path)
            post = LivePost.objects.filter(article=article, pk=request.POST.get("post", "")[:20] or 0).first()
            if post is None or action not in ("pin", "unpin", "delete"):
                messages.error(request, "Action impossible : ce message n'existe plus ou l'action est inconnue.")
                return None
            if action == "delete":
                services.live_post_delete(post=post, user=request.user)
                messages.success(request, "Message supprimé : les lecteurs ne le voient plus.")
            else:
                services.live_post_pin(post=post, user=request.user, pinned=action == "pin")
                messages.success(request, "Message épinglé." if action == "pin" else "Message désépinglé.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return None
        return HttpResponseRedirect(request.path)

    # Correcting a post ----------------------------------------------------------------

    def has_add_permission(self, request):
        return False  # at a live's desk

    def has_delete_permission(self, request, obj=None):
        return False  # a deletion hides the post and is traced: at the live's desk

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return obj.deleted_at is None and services.user_can_change_post(request.user, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["media"] = editor_media(request, context.get("media"))
        response = super().render_change_form(request, context, add, change, form_url, obj)
        return allow_editor_scripts(request, response)

    def save_model(self, request, obj, form, change):
        services.live_post_edit(post=obj, user=request.user, body=form.cleaned_data["body"])

    def response_change(self, request, obj):
        messages.success(request, "Message corrigé.")
        return HttpResponseRedirect(reverse("admin:live_desk", args=[obj.article_id]))
