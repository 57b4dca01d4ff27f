"""Readers' side: post a reaction, report one. Thin: the rules are in comments.moderation.

Without JavaScript a post answers with a redirect to the article (notice in the query
string, so a cached article page stays shareable) or, when refused, with a page of this
app, "Réagir à cet article" under the article's title, with the errors and a 4xx status.
static/js/reactions.js asks for JSON instead.
"""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from articles.models import Article
from common.http import client_ip

from .forms import ReactionForm, ReportForm
from .models import Reaction
from .moderation import (
    RateLimited,
    ReactionRefused,
    ReactionsClosed,
    ReportsRateLimited,
    ip_hash,
    reaction_report,
    reaction_submit,
    reporter_hash,
)

NOTICES = {
    "merci": "Merci\u202f! Votre réaction sera publiée après modération.",
    "publiee": "Merci\u202f! Votre réaction est publiée.",
    "signalement": "Merci, votre signalement a été transmis aux modérateurs.",
}


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _form_errors(form) -> dict:
    return {field or "__all__": [str(message) for message in messages] for field, messages in form.errors.items()}


def _form_page(request, article, form, status):
    """The form again, as the reader filled it, with its errors, under the article's title.

    A page of the comments app ("Réagir à cet article"): the article view belongs to the
    articles app and is not called from here. Not a read, never cached.
    """
    response = render(request, "comments/article_reactions.html", {"article": article, "form": form}, status=status)
    add_never_cache_headers(response)
    return response


@require_POST
def reaction_post(request, article_id):
    article = get_object_or_404(Article.objects.published().select_related("category__parent"), pk=article_id)
    form = ReactionForm(request.POST, article=article)
    status, retry_after = 400, None
    if form.is_valid():
        try:
            reaction = reaction_submit(
                article=article,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
                ip_digest=ip_hash(client_ip(request)),
            )
        except RateLimited as refused:
            form.add_error(None, refused.message)
            status, retry_after = 429, refused.retry_after
        except ReactionsClosed as refused:
            form.add_error(None, refused.message)
            status = 403
        except ReactionRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            return _accepted(request, article, reaction)
    if wants_json(request):
        response = JsonResponse({"ok": False, "errors": _form_errors(form), "token": form.fresh_token}, status=status)
        add_never_cache_headers(response)
    else:
        response = _form_page(request, article, form, status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _accepted(request, article, reaction):
    published = reaction.state == Reaction.State.APPROVED
    key = "publiee" if published else "merci"
    if wants_json(request):
        data = {"ok": True, "notice": NOTICES[key], "published": published}
        if published:
            data["html"] = render_to_string("comments/reaction.html", {"reaction": reaction}, request=request)
        return JsonResponse(data, status=201)
    return redirect(f"{article.get_absolute_url()}?reaction={key}#reactions")


@require_http_methods(["GET", "POST"])
def reaction_report_view(request, pk):
    reaction = get_object_or_404(
        Reaction.objects.approved().select_related("article__category").filter(article__in=Article.objects.published()),
        pk=pk,
    )
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                reaction_report(
                    reaction=reaction, reason=form.cleaned_data["reason"], reporter=reporter_hash(client_ip(request))
                )
            except ReportsRateLimited as refused:
                return _report_refused(request, reaction, form, refused)
            if wants_json(request):
                return JsonResponse({"ok": True, "notice": NOTICES["signalement"]})
            return redirect(f"{reaction.article.get_absolute_url()}?signalement=merci#reactions")
        if wants_json(request):
            return JsonResponse({"ok": False, "errors": _form_errors(form)}, status=400)
    response = render(
        request, "comments/report.html", {"reaction": reaction, "form": form}, status=400 if form.errors else 200
    )
    add_never_cache_headers(response)
    return response


def _report_refused(request, reaction, form, refused):
    """Too many reports from this network: 429, the reason in French, nothing stored."""
    form.add_error(None, refused.message)
    if wants_json(request):
        response = JsonResponse({"ok": False, "errors": _form_errors(form)}, status=429)
    else:
        response = render(request, "comments/report.html", {"reaction": reaction, "form": form}, status=429)
    response["Retry-After"] = str(refused.retry_after)
    add_never_cache_headers(response)
    return response
