"""Readers' side: post a reaction, report one. Thin: the rules are in comments.moderation.

Without JavaScript a post answers with a redirect to the article (notice in the query
string, so a cached article page stays shareable) or, when refused, with the article page
re-rendered with the errors and a 4xx status. static/js/reactions.js asks for JSON instead.
"""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from articles.models import Article
from common.http import ARTICLE_ID_HEADER, client_ip

from .forms import ReactionForm, ReportForm
from .models import Reaction
from .moderation import (
    RateLimited,
    ReactionRefused,
    ReactionsClosed,
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
SECTION_MARKER = b"data-reactions-section"


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _form_errors(form) -> dict:
    return {field or "__all__": [str(message) for message in messages] for field, messages in form.errors.items()}


def _article_page_with_form(request, article, form, status):
    """The article page again, with the form as the reader filled it and its errors.

    The article view belongs to the articles app; it is reached through its URL so that
    this app does not depend on its signature. The reactions tag finds the bound form on
    the request. If that page cannot carry the form, a page of our own does.
    """
    request.reaction_form = form
    response = None
    try:
        match = resolve(article.get_absolute_url())
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
    except (Http404, Resolver404):
        response = None
    if response is None or response.status_code != 200 or SECTION_MARKER not in response.content:
        response = render(request, "comments/article_reactions.html", {"article": article})
    response.status_code = status
    if ARTICLE_ID_HEADER in response:  # a refused post is not a read
        del response[ARTICLE_ID_HEADER]
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
        response = _article_page_with_form(request, article, form, status)
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
            reaction_report(
                reaction=reaction,
                reason=form.cleaned_data["reason"],
                reporter=reporter_hash(client_ip(request), request.headers.get("User-Agent", "")),
            )
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
