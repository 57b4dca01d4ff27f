"""The photo library's rules: who may change a photo, and what saving one does.

A photo that a published article shows is part of what the editors approved: its
caption, credit and image change only through them. Journalists keep the photos they
uploaded in hand until then. The admin (and any other writer) calls these functions.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from . import renditions
from .models import Article, Photo


def _article_photo_lookups() -> list[str]:
    """The Article fields that point at a photo (the lead photo, and any added later)."""
    return [
        field.name
        for field in Article._meta.get_fields()
        if field.concrete and field.related_model is Photo and (field.many_to_one or field.many_to_many)
    ]


def photo_articles(photo: Photo):
    """The articles that show ``photo``, whatever their state: as a field (the lead
    photo) or inside the body, where the editor stores ``<img data-file="<id>">``
    (``articles.body``; the closing quote keeps photo 12 from matching 123)."""
    uses = Q(body__contains=f'data-file="{photo.pk}"')
    for lookup in _article_photo_lookups():
        uses |= Q(**{lookup: photo})
    return Article.objects.filter(uses)


def photo_used_by_published_article(photo: Photo) -> bool:
    """Whether an article that editors published (scheduled ones included) shows ``photo``."""
    return photo_articles(photo).filter(status=Article.Status.PUBLISHED).exists()


def photo_user_can_edit(user, photo: Photo | None) -> bool:
    """Editors change every photo; a journalist only those they uploaded that no
    published article uses. ``photo=None`` asks about the library as a whole."""
    if not (user.is_active and user.has_perm("articles.change_photo")):
        return False
    if user.has_perm("articles.edit_any_article"):  # the editors' right covers what illustrates articles
        return True
    if photo is None or photo.pk is None:
        return True
    return photo.uploaded_by_id == user.pk and not photo_used_by_published_article(photo)


def photo_save(*, photo: Photo, user) -> Photo:
    """Store a new photo, or the changes made to one, with its renditions.

    A new image on an existing photo (its file not yet in storage) gets a whole new set
    of renditions, with new content-hashed names, so no browser or CDN keeps showing the
    old picture; the old original and renditions are deleted once that is committed.
    Saving the photo tells the page cache, which rebuilds the pages that show it
    (``newsroom.invalidation``).
    """
    if not photo_user_can_edit(user, photo if photo.pk else None):
        raise PermissionDenied("Vous ne pouvez pas modifier cette photo.")
    if photo.pk is None:
        photo.uploaded_by = user
    previous = Photo.objects.filter(pk=photo.pk).values_list("image", flat=True).first() if photo.pk else None
    replaced = bool(previous) and not getattr(photo.image, "_committed", True)
    with transaction.atomic():
        photo.save()
        if replaced:
            renditions.photo_rebuild_renditions(photo=photo)
            if previous != photo.image.name:
                storage = photo.image.storage
                transaction.on_commit(lambda: renditions.delete_files(storage, [previous]))
        else:
            renditions.photo_make_renditions(photo=photo)
    return photo
