"""The article page pulls reader reactions in through these tags (articles never imports comments).

``{% reactions_section article %}`` renders the whole "Réagir à cet article" region in
one query, however many reactions there are. ``{% reactions_count article %}`` reads
``Article.reactions_count``, kept in step by the moderation services: no query, so
lists show it too.
"""

import time

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import fragments
from common import tagcache
from common.csrf import form_token
from common.french import french_datetime

from ..forms import ReactionForm, make_token
from ..models import Reaction
from ..moderation import queue_size, reactions_close_at, reactions_open, user_can_moderate
from ..views import NOTICES

register = template.Library()

NBSP = "\u00a0"

# The reactions' templates print dates with the site's one French format.
register.filter("french_datetime", french_datetime)


def french_count(count: int) -> str:
    """French plural: 0 and 1 take the singular."""
    return f"{count}{NBSP}réaction" if count < 2 else f"{count}{NBSP}réactions"


# Holes in a kept region: each reader gets their own CSRF token and a fresh form token.
CSRF_HOLE = "csrf-hole-5d1f0c"
FORM_TOKEN_HOLE = "form-token-hole-9b27e4"


@register.simple_tag(takes_context=True)
def reactions_section(context, article, form=None):
    """The "Réagir à cet article" region: approved reactions, the form or the closed notice.

    ``form`` is the reader's refused form, bound and with its errors; else a fresh one.
    The region as every reader of a public article first sees it (no refused form, no
    notice) is kept rendered in the cache (``_kept_section``).
    """
    request = context.get("request")
    if form is not None and getattr(form, "article", None) != article:
        form = None
    notice = None
    if request is not None and not (form and form.is_bound):
        notice = NOTICES.get(request.GET.get("reaction", "")) or (
            NOTICES["signalement"] if request.GET.get("signalement") == "merci" else None
        )
    if form is None and notice is None and request is not None and article.is_public:
        return _kept_section(request, article)
    return _render_section(request, article, form, notice)


def _render_section(request, article, form, notice, **holes):
    reactions = list(Reaction.objects.public_for(article))
    is_open = reactions_open(article)
    if form is None:
        form = ReactionForm(article=article) if is_open else None
    return render_to_string(
        "comments/section.html",
        {
            "article": article,
            "reactions": reactions,
            "count_label": french_count(len(reactions)),
            "is_open": is_open,
            "closes_at": reactions_close_at(article) if is_open else None,
            "form": form,
            "notice": notice,
            "post_url": reverse("comments:post", kwargs={"article_id": article.pk}),
            **holes,
        },
        request=request,
    )


def _kept_section(request, article):
    """The region rendered once per change: every article build drew it again, 3.8 ms of
    CPU of about 19 (bench/README.md, issue 15). Kept under the article's cache tag, which
    approving or removing a reaction and editing the article bump
    (``newsroom/invalidation.py``, ``common.tagcache``), and never past the closing of the
    form or ``PAGE_CACHE_SECONDS``; an archive article's with its rendered parts, in the
    database (``articles.fragments.kept_extra``: read days apart, it would have left the
    cache). The reader's CSRF token and the form's signed timestamp are holes filled at
    each use."""

    close_at = reactions_close_at(article) if reactions_open(article) else None  # the form's end

    def seconds():
        life = getattr(settings, "PAGE_CACHE_SECONDS", 300)
        if close_at is not None:
            life = min(life, close_at.timestamp() - time.time())
        return life

    def build():
        return _render_section(request, article, None, None, csrf_token=CSRF_HOLE, form_token=FORM_TOKEN_HOLE)

    # An archive article's region is kept with its rendered parts, in the database.
    html = fragments.kept_extra(article, "reactions", build, until=close_at)
    if html is None:
        html = tagcache.kept(f"reactions-section:{article.pk}", {f"article:{article.pk}"}, build, seconds=seconds)
    if FORM_TOKEN_HOLE in html:
        html = html.replace(FORM_TOKEN_HOLE, make_token(article.pk))
    return mark_safe(html.replace(CSRF_HOLE, form_token(request)))


@register.simple_tag
def reactions_count(article):
    """ "3 réactions" linking to the region; nothing when there is none yet."""
    count = article.reactions_count
    if not count:
        return ""
    return format_html(
        '<a class="reactions-count" href="{}#reactions">{}</a>', article.get_absolute_url(), french_count(count)
    )


@register.simple_tag(takes_context=True)
def reactions_queue_summary(context):
    """For the admin index: how many reactions wait, for those who may moderate."""
    request = context.get("request")
    if request is None or not user_can_moderate(request.user):
        return ""
    size = queue_size()
    changelist = reverse("admin:comments_reaction_changelist")
    label = "réaction attend" if size < 2 else "réactions attendent"
    reported = Reaction.objects.approved().filter(reports__resolved=False).distinct().count()
    reported_html = (
        format_html(
            ' · <a href="{}?signalement=any&amp;state__exact=approved">{} publiée{} signalée{}</a>',
            changelist,
            reported,
            "s" if reported > 1 else "",
            "s" if reported > 1 else "",
        )
        if reported
        else ""
    )
    return format_html(
        '<p class="reactions-queue"><a href="{}?state__exact=pending"><strong>{}</strong> {} une modération</a>{}</p>',
        changelist,
        size,
        label,
        reported_html,
    )
