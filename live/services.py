"""Posting on a live, and the rights to: the admin's quick form, its desk and the API
call these functions, never the models directly.

Who posts: the article's own journalists (its bylines or its creator) and the editors,
on a live that is running. A journalist posts without an editor's review: the editor
reviewed the live itself when publishing the article (DESIGN §13).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from articles.sanitize import sanitize_html
from articles.services import user_can_publish, user_is_author

from .models import LivePost, LivePostChange, plain_text

# Of stored markup: a post is a few paragraphs, never an article.
MAX_BODY_CHARS = 10_000

NOT_ALLOWED = "Seuls les journalistes de cet article et la rédaction en chef peuvent écrire sur ce direct."
NOT_RUNNING = "Cet article n'est pas un direct en cours."
EMPTY = "Le message est vide."
TOO_LONG = f"Le message est trop long ({MAX_BODY_CHARS} caractères au plus, mise en forme comprise)."


def user_can_post_live(user, article: Article) -> bool:
    if not (user.is_active and user.is_staff and user.has_perm("live.add_livepost")):
        return False
    return user_can_publish(user) or user_is_author(user, article)


def user_can_change_post(user, post: LivePost, *, may_post: bool | None = None) -> bool:
    """Its author, or an editor; on a live they may post to (``may_post``, when the
    caller knows it already for the post's live)."""
    if not (user.is_active and user.has_perm("live.change_livepost")):
        return False
    if not (user_can_post_live(user, post.article) if may_post is None else may_post):
        return False
    return user_can_publish(user) or post.posted_by_id == user.pk


def _clean_body(body) -> str:
    if not isinstance(body, str):
        raise ValidationError(EMPTY)
    if len(body) > MAX_BODY_CHARS * 2:  # refused before the sanitiser spends time on it
        raise ValidationError(TOO_LONG)
    cleaned = sanitize_html(body)
    if len(cleaned) > MAX_BODY_CHARS:
        raise ValidationError(TOO_LONG)
    if not cleaned or not (plain_text(cleaned) or "data-file=" in cleaned):
        raise ValidationError(EMPTY)
    return cleaned


def _signature(user) -> str:
    author = getattr(user, "author", None)
    if author is not None:
        return author.name
    return user.get_full_name() or user.get_username()


def _trace(post, action, user, previous_body=""):
    LivePostChange.objects.create(post=post, action=action, user=user, previous_body=previous_body, at=post.changed_at)


def live_post_add(*, article: Article, user, body: str, pinned: bool = False) -> LivePost:
    if not user_can_post_live(user, article):
        raise PermissionDenied(NOT_ALLOWED)
    if article.live != Article.Live.RUNNING:
        raise ValidationError(NOT_RUNNING)
    cleaned = _clean_body(body)
    now = timezone.now()
    with transaction.atomic():
        post = LivePost.objects.create(
            article=article,
            body=cleaned,
            pinned=bool(pinned),
            posted_by=user,
            signature=_signature(user),
            created_at=now,
            changed_at=now,
        )
        _trace(post, LivePostChange.Action.POSTED, user)
    return post


def live_post_edit(*, post: LivePost, user, body: str) -> LivePost:
    if not user_can_change_post(user, post):
        raise PermissionDenied(NOT_ALLOWED)
    cleaned = _clean_body(body)
    with transaction.atomic():
        # From the row: the admin's form has already put the new text on ``post``.
        previous = LivePost.objects.select_for_update().get(pk=post.pk).body
        if cleaned == previous:
            post.body = previous
            return post
        post.body = cleaned
        post.changed_at = post.edited_at = timezone.now()
        post.save(update_fields=["body", "changed_at", "edited_at"])
        _trace(post, LivePostChange.Action.EDITED, user, previous)
    return post


def live_post_pin(*, post: LivePost, user, pinned: bool) -> LivePost:
    if not user_can_change_post(user, post):
        raise PermissionDenied(NOT_ALLOWED)
    if post.pinned == pinned:
        return post
    with transaction.atomic():
        post.pinned = pinned
        post.changed_at = timezone.now()
        post.save(update_fields=["pinned", "changed_at"])
        _trace(post, LivePostChange.Action.PINNED if pinned else LivePostChange.Action.UNPINNED, user)
    return post


def live_post_delete(*, post: LivePost, user) -> LivePost:
    """Hidden from readers at once; the row and its trace stay (who deleted what)."""
    if not user_can_change_post(user, post):
        raise PermissionDenied(NOT_ALLOWED)
    if post.deleted_at is not None:
        return post
    with transaction.atomic():
        post.changed_at = post.deleted_at = timezone.now()
        post.save(update_fields=["changed_at", "deleted_at"])
        _trace(post, LivePostChange.Action.DELETED, user, post.body)
    return post


def live_set_state(*, article: Article, user, state: str) -> Article:
    """Open, end or reopen a live (editors and the article's journalists)."""
    if state not in Article.Live.values:
        raise ValidationError("État de direct inconnu.")
    if not user_can_post_live(user, article):
        raise PermissionDenied(NOT_ALLOWED)
    if article.live != state:
        article.live = state
        # A plain save: the article's signals invalidate its page and every list showing it.
        article.save(update_fields=["live", "updated_at"])
    return article
