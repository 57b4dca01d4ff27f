"""The publishing workflow: the only place where an article changes state.

The admin's actions and buttons, the management commands and the tests call these
functions; each checks the user's right, saves, and keeps a revision.
"""

from datetime import datetime

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Article

Status = Article.Status


def user_can_publish(user) -> bool:
    return user.is_active and user.has_perm("articles.publish_article")


def user_can_edit(user, article: Article) -> bool:
    """Editors edit everything; journalists only their own drafts."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.pk is None or (article.status == Status.DRAFT and user_is_author(user, article))


def user_is_author(user, article: Article) -> bool:
    if article.created_by_id == user.pk:
        return True
    return article.authors.filter(user=user).exists()


def _save_with_revision(article: Article, *, user, comment: str) -> Article:
    with transaction.atomic(), reversion.create_revision():
        article.save()
        reversion.set_user(user)
        reversion.set_comment(comment)
    return article


def _require_publisher(user):
    if not user_can_publish(user):
        raise PermissionDenied("Seule la rédaction en chef peut publier, programmer ou dépublier.")


def article_submit(*, article: Article, user) -> Article:
    """A journalist hands a draft over to the editors."""
    if not user_can_edit(user, article):
        raise PermissionDenied("Vous ne pouvez pas soumettre cet article.")
    if article.status != Status.DRAFT:
        raise ValidationError("Seul un brouillon peut être soumis à la relecture.")
    article.status = Status.REVIEW
    return _save_with_revision(article, user=user, comment="Soumis à la relecture")


def article_return_to_draft(*, article: Article, user) -> Article:
    """An editor sends an article in review back to its author."""
    _require_publisher(user)
    if article.status != Status.REVIEW:
        raise ValidationError("Seul un article en relecture peut être renvoyé en brouillon.")
    article.status = Status.DRAFT
    return _save_with_revision(article, user=user, comment="Renvoyé en brouillon")


def article_publish(*, article: Article, user, at: datetime | None = None) -> Article:
    """Publish now, or at ``at`` when it lies in the future (scheduling needs no cron)."""
    _require_publisher(user)
    now = timezone.now()
    at = at or now
    article.status = Status.PUBLISHED
    article.publish_at = at
    if article.first_published_at is None:
        article.first_published_at = at  # when it first goes public, even if scheduled
    comment = "Publié" if at <= now else f"Programmé pour le {timezone.localtime(at):%d/%m/%Y à %H:%M}"
    return _save_with_revision(article, user=user, comment=comment)


def article_schedule(*, article: Article, user, at: datetime) -> Article:
    _require_publisher(user)  # the right first: a refusal must not depend on the date given
    if at is None or at <= timezone.now():
        raise ValidationError("La date de programmation doit être dans le futur.")
    return article_publish(article=article, user=user, at=at)


def article_unpublish(*, article: Article, user) -> Article:
    _require_publisher(user)
    if article.status != Status.PUBLISHED:
        raise ValidationError("Seul un article publié ou programmé peut être dépublié.")
    article.status = Status.UNPUBLISHED
    return _save_with_revision(article, user=user, comment="Dépublié")
