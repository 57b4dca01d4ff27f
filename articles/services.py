"""The publishing workflow: the only place where an article changes state.

One table says which moves exist (``TRANSITIONS``: state × action → state) and one
which right each action needs (``ACTION_RIGHTS``). Every service has the same shape:
check (the right first, then the move), change, then log (a revision with its
comment). The admin's buttons, list actions, history and recovery pages, the demo and
the tests call these functions; the admin offers what ``available_actions`` returns.
"""

from dataclasses import dataclass
from datetime import datetime

import reversion
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from common.french import french_datetime

from .apps import ARTICLE_REVISION_FOLLOW
from .models import Article, Category
from .notify import editors_notify_submitted

Status = Article.Status

# Workflow states: the stored statuses, plus "scheduled" (published, its time still to
# come: what the admin shows as "Programmé") and "deleted" (only its revisions remain).
DRAFT, REVIEW, SCHEDULED, PUBLISHED, UNPUBLISHED, DELETED = (
    "draft",
    "review",
    "scheduled",
    "published",
    "unpublished",
    "deleted",
)

# Rights, by name: who may run an action on an article (see ``user_has_right``).
WRITE = "write"  # editors on any article, journalists on their own drafts
PUBLISH = "publish"  # the editors (rédaction en chef)
RECOVER = "recover"  # editors who may also delete articles

ACTION_RIGHTS = {
    "submit": WRITE,
    "publish": PUBLISH,
    "schedule": PUBLISH,
    "return_to_draft": PUBLISH,
    "unpublish": PUBLISH,
    "restore": WRITE,
    "recover": RECOVER,
}

# (state, action) → state. A move missing here is refused with ``REFUSALS[action]``.
TRANSITIONS = {
    (DRAFT, "submit"): REVIEW,
    (REVIEW, "return_to_draft"): DRAFT,
    (DRAFT, "publish"): PUBLISHED,
    (REVIEW, "publish"): PUBLISHED,
    (UNPUBLISHED, "publish"): PUBLISHED,
    (SCHEDULED, "publish"): PUBLISHED,  # ahead of its time
    (DRAFT, "schedule"): SCHEDULED,
    (REVIEW, "schedule"): SCHEDULED,
    (UNPUBLISHED, "schedule"): SCHEDULED,
    (SCHEDULED, "schedule"): SCHEDULED,  # another time
    (PUBLISHED, "unpublish"): UNPUBLISHED,
    (SCHEDULED, "unpublish"): UNPUBLISHED,  # cancels the schedule
    # A restore brings back an earlier text: the state stays what it is.
    (DRAFT, "restore"): DRAFT,
    (REVIEW, "restore"): REVIEW,
    (SCHEDULED, "restore"): SCHEDULED,
    (PUBLISHED, "restore"): PUBLISHED,
    (UNPUBLISHED, "restore"): UNPUBLISHED,
    (DELETED, "recover"): DRAFT,  # read again before it goes back online
}

# The buttons' labels, in the order the admin shows them.
ACTION_LABELS = {
    "submit": "Soumettre à la relecture",
    "publish": "Publier maintenant",
    "schedule": "Programmer",
    "return_to_draft": "Renvoyer en brouillon",
    "unpublish": "Dépublier",
    "restore": "Restaurer cette version",
    "recover": "Récupérer en brouillon",
}

REFUSALS = {
    "submit": "Seul un brouillon peut être soumis à la relecture.",
    "publish": "déjà en ligne, sa date de publication est inchangée.",
    "schedule": "déjà en ligne : dépubliez-le avant de le programmer à une autre date.",
    "return_to_draft": "Seul un article en relecture peut être renvoyé en brouillon.",
    "unpublish": "Seul un article publié ou programmé peut être dépublié.",
    "restore": "Cet article ne peut pas être restauré.",
    "recover": "Cet article n'est pas supprimé : il n'y a rien à récupérer.",
}

FORBIDDEN = {
    WRITE: "Vous ne pouvez pas modifier cet article.",
    PUBLISH: "Seule la rédaction en chef peut publier, programmer ou dépublier.",
    RECOVER: "Seule la rédaction en chef peut récupérer un article supprimé.",
}

# What a restore never brings back: the workflow state (it changes through the moves
# above only), the history of publication and who created the article. The counters
# (``Article.COUNTER_FIELDS``) are never written by a save anyway.
KEPT_ON_RESTORE = frozenset(
    {
        "status",
        "publish_at",
        "first_published_at",
        "created_by_id",
        "created_at",
        "updated_at",
        # Opening or closing reactions is a moderation decision, not part of the text.
        "reactions_enabled",
        "reactions_open_days",
    }
)


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    target: str


# --- rights -------------------------------------------------------------------------------


def user_can_publish(user) -> bool:
    return user.is_active and user.has_perm("articles.publish_article")


def user_can_edit(user, article: Article) -> bool:
    """Editors edit everything; journalists only their own drafts."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.pk is None or (article.status == Status.DRAFT and user_is_author(user, article))


def user_can_recover(user) -> bool:
    """Bringing a deleted article back is an editor's decision, like deleting it."""
    return user_can_publish(user) and user.has_perm("articles.delete_article")


def user_can_preview(user, article: Article) -> bool:
    """Who may read an article that is not public yet, at its future address.

    Those who may edit or publish it, and its own authors (a journalist rereads the
    piece they submitted); not moderators, not a journalist on a colleague's draft.
    """
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user_can_publish(user) or user_can_edit(user, article):
        return True
    return user.has_perm("articles.change_article") and user_is_author(user, article)


def user_is_author(user, article: Article) -> bool:
    if article.created_by_id == user.pk:
        return True
    return article.pk is not None and article.authors.filter(user=user).exists()


def user_has_right(user, article: Article | None, right: str) -> bool:
    if right == WRITE:
        return article is not None and user_can_edit(user, article)
    if right == PUBLISH:
        return user_can_publish(user)
    return user_can_recover(user)


# --- the table, read ----------------------------------------------------------------------


def article_state(article: Article | None, *, now: datetime | None = None) -> str:
    if article is None:
        return DELETED
    if article.status == Status.PUBLISHED and article.publish_at and article.publish_at > (now or timezone.now()):
        return SCHEDULED
    return article.status


def available_actions(user, article: Article | None, *, now: datetime | None = None) -> list[Action]:
    """The actions ``user`` may run on ``article`` now (None: a deleted article), in button order."""
    state = article_state(article, now=now)
    return [
        Action(name=name, label=label, target=TRANSITIONS[(state, name)])
        for name, label in ACTION_LABELS.items()
        if (state, name) in TRANSITIONS and user_has_right(user, article, ACTION_RIGHTS[name])
    ]


def _check(*, user, article: Article | None, action: str, now: datetime | None = None) -> str:
    """The right first (a refusal never depends on the state), then the move; the new state."""
    right = ACTION_RIGHTS[action]
    if not user_has_right(user, article, right):
        raise PermissionDenied(FORBIDDEN[right])
    target = TRANSITIONS.get((article_state(article, now=now), action))
    if target is None:
        raise ValidationError(REFUSALS[action])
    return target


def _save_with_revision(article: Article, *, user, comment: str) -> Article:
    with transaction.atomic(), reversion.create_revision():
        article.save()
        reversion.set_user(user)
        reversion.set_comment(comment)
    return article


# --- the moves ----------------------------------------------------------------------------


def article_submit(*, article: Article, user) -> Article:
    """A journalist hands a draft over to the editors."""
    _check(user=user, article=article, action="submit")
    article.status = Status.REVIEW
    _save_with_revision(article, user=user, comment="Soumis à la relecture")
    editors_notify_submitted(article=article, user=user)  # an e-mail task, after the commit
    return article


def article_return_to_draft(*, article: Article, user) -> Article:
    """An editor sends an article in review back to its author."""
    _check(user=user, article=article, action="return_to_draft")
    article.status = Status.DRAFT
    return _save_with_revision(article, user=user, comment="Renvoyé en brouillon")


def article_publish(*, article: Article, user, at: datetime | None = None) -> Article:
    """Put an article online now (or at a past ``at``: the demo backdates its articles).

    An article already online is refused rather than published again: its publication
    date is what readers, feeds and sitemaps show, and must not move by a stray click.
    A future time is ``article_schedule``'s business.
    """
    now = timezone.now()
    _check(user=user, article=article, action="publish", now=now)
    at = at or now
    if at > now:
        raise ValidationError("Pour une date future, programmez l'article.")
    _go_online(article, at=at, now=now)
    return _save_with_revision(article, user=user, comment="Publié")


def article_schedule(*, article: Article, user, at: datetime | None) -> Article:
    """Publish at a future time: public from ``at`` on, with no cron (see ``published()``)."""
    now = timezone.now()
    _check(user=user, article=article, action="schedule", now=now)  # a refusal never depends on the date
    if at is None:
        raise ValidationError("pas de date de publication ; indiquez-la dans l'article avant de le programmer.")
    if at <= now:
        raise ValidationError(
            f"sa date de publication ({french_datetime(at)}) est passée ; "
            "choisissez une date future dans l'article, ou utilisez « Publier »."
        )
    _go_online(article, at=at, now=now)
    return _save_with_revision(article, user=user, comment=f"Programmé pour {french_datetime(at)}")


def _go_online(article: Article, *, at: datetime, now: datetime) -> None:
    article.status = Status.PUBLISHED
    article.publish_at = at
    if article.first_published_at is None or article.first_published_at > now:
        # When it first goes public (a schedule that has not come yet can still move).
        article.first_published_at = at


def article_unpublish(*, article: Article, user) -> Article:
    """Take an article offline, or cancel its schedule."""
    now = timezone.now()
    _check(user=user, article=article, action="unpublish", now=now)
    article.status = Status.UNPUBLISHED
    if article.first_published_at and article.first_published_at > now:
        article.first_published_at = None  # a cancelled schedule never went public
    return _save_with_revision(article, user=user, comment="Dépublié")


# --- revisions: restore an earlier text, recover a deleted article -----------------------


def article_versions(article: Article):
    return Version.objects.get_for_object(article)


def article_restore(*, article: Article, version: Version, user) -> Article:
    """Bring back the text of an earlier revision: title, body, byline, encadrés, notes, tags.

    The state, the publication dates and the counters stay as they are today. The row
    is locked meanwhile, so that a read counted at the same moment is not lost. What
    was deleted since (a photo, a section, an author) stays as it is today.
    """
    _check(user=user, article=article, action="restore")
    if not article_versions(article).filter(pk=version.pk).exists():
        raise ValidationError("Cette version n'est pas une version de cet article.")
    old = version.field_dict
    with transaction.atomic(), reversion.create_revision():
        current = Article.objects.select_for_update().get(pk=article.pk)
        for field in Article._meta.concrete_fields:
            name = field.attname
            if field.primary_key or name in KEPT_ON_RESTORE or name in Article.COUNTER_FIELDS or name not in old:
                continue
            setattr(current, name, old[name])
        if not Category.objects.filter(pk=current.category_id).exists():
            current.category_id = article.category_id
        _drop_missing_targets(current)
        _restore_children(current, version, replace=True)
        current.related.set(Article.objects.filter(pk__in=old.get("related") or []).exclude(pk=current.pk))
        current.save()  # last: the new revision follows the rows as restored
        reversion.set_user(user)
        reversion.set_comment(
            f"Restauré depuis une version précédente, enregistrée {french_datetime(version.revision.date_created)}"
        )
    return current


def article_recover(*, version: Version, user) -> Article:
    """Bring a deleted article back from its last revision, as a draft to be read again."""
    _check(user=user, article=None, action="recover")
    if version.content_type != ContentType.objects.get_for_model(Article):
        raise ValidationError(REFUSALS["recover"])
    if Article.objects.filter(pk=version.object_id).exists():
        raise ValidationError(REFUSALS["recover"])
    old = version.field_dict
    if Article.objects.filter(slug=old["slug"]).exists():
        raise ValidationError(
            f"L'adresse « {old['slug']} » est reprise par un autre article : changez-la avant de récupérer celui-ci."
        )
    if not Category.objects.filter(pk=old["category_id"]).exists():
        raise ValidationError("Sa rubrique a été supprimée depuis : recréez-la avant de récupérer l'article.")
    data = {
        field.attname: old[field.attname]
        for field in Article._meta.concrete_fields
        if field.attname in old and field.attname not in {"reactions_count", "search_vector"}
    }
    with transaction.atomic(), reversion.create_revision():
        article = Article(**data)
        article.status = Status.DRAFT
        _drop_missing_targets(article)
        article.save(force_insert=True)
        _restore_children(article, version, replace=False)
        article.related.set(Article.objects.filter(pk__in=old.get("related") or []).exclude(pk=article.pk))
        reversion.set_user(user)
        reversion.set_comment("Récupéré après suppression, en brouillon")
    return article


def _drop_missing_targets(article: Article) -> None:
    """Links to rows deleted since (a photo, an account) are left empty rather than broken."""
    for field in Article._meta.concrete_fields:
        value = getattr(article, field.attname)
        if field.many_to_one and field.null and value is not None:
            if not field.related_model._default_manager.filter(pk=value).exists():
                setattr(article, field.attname, None)


def _restore_children(article: Article, version: Version, *, replace: bool) -> None:
    """Write back the byline, encadrés, notes and tags that ``version``'s revision kept.

    With ``replace``, today's rows go first (then the old ones are inserted again, so
    that swapped positions never clash with a unique constraint). A row pointing at
    something deleted since (an author, a tag) is left out.
    """
    article_type = ContentType.objects.get_for_model(Article)
    for name in ARTICLE_REVISION_FOLLOW:
        relation = Article._meta.get_field(name)
        if replace:
            getattr(article, name).all().delete()
        if isinstance(relation, GenericRelation):
            link = {relation.object_id_field_name: str(article.pk), "content_type_id": article_type.pk}
        else:
            link = {relation.field.attname: article.pk}
        child_type = ContentType.objects.get_for_model(relation.related_model)
        for child in version.revision.version_set.filter(content_type=child_type):
            values = child.field_dict
            if any(str(values.get(key)) != str(value) for key, value in link.items()):
                continue
            if _targets_exist(relation.related_model, values, skip=Article):
                child.revert()


def _targets_exist(model, values, *, skip) -> bool:
    for field in model._meta.concrete_fields:
        if field.many_to_one and field.related_model is not skip and values.get(field.attname) is not None:
            if not field.related_model._default_manager.filter(pk=values[field.attname]).exists():
                return False
    return True
