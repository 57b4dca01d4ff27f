"""Photo renditions: the sizes pages serve (WebP with a JPEG fallback), made once.

Pages never send the uploaded original: they list these renditions in ``srcset``.
Each one is written through the ``renditions`` storage (a local folder on a laptop, S3
in production, see common/storage.py) and recorded in ``Photo.renditions`` so that a
page never has to ask the storage what exists, and so that a second call knows there is
nothing left to make. A rendition's name ends with a hash of its bytes: a replaced image
or a rebuild gives new names, so a browser or CDN that keeps a file for a year never
shows an outdated picture, and the same bytes are never stored twice.
"""

import hashlib
import io
import logging
import os
import posixpath
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from .models import Photo, rendition_storage

logger = logging.getLogger(__name__)

FORMATS = {
    # Pillow format, file extension, encoder options.
    "webp": ("WEBP", "webp", {"quality": 80, "method": 4}),
    "jpeg": ("JPEG", "jpg", {"quality": 82, "optimize": True, "progressive": True}),
}


def rendition_widths(original_width: int) -> list[int]:
    """The widths to make for an original this wide, never wider than the original.

    A width the original cannot reach is replaced by the original's own width, so a
    small photo still gets its (single, full-size) rendition instead of none.
    """
    return sorted({min(width, original_width) for width in settings.PHOTO_RENDITION_WIDTHS})


def _missing(renditions: dict, widths: list[int]) -> list[int]:
    return [width for width in widths if not all(kind in renditions.get(str(width), {}) for kind in FORMATS)]


def _load_oriented(photo: Photo) -> Image.Image:
    """The original as displayed: EXIF orientation applied, in a mode both encoders take."""
    with photo.image.open("rb") as stored:
        image = Image.open(stored)
        image.load()
    icc_profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    wanted = "RGBA" if has_alpha else "RGB"
    if image.mode != wanted:
        image = image.convert(wanted)
    if icc_profile:
        image.info["icc_profile"] = icc_profile
    return image


def _encode(image: Image.Image, kind: str) -> bytes:
    pillow_format, _, options = FORMATS[kind]
    if kind == "jpeg" and image.mode == "RGBA":
        # JPEG has no transparency: lay the picture on white, as a page background would.
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    buffer = io.BytesIO()
    # Only the colour profile is carried over: EXIF (GPS position, camera serial) stays
    # in the original and never reaches readers.
    icc_profile = image.info.get("icc_profile")
    image.save(buffer, pillow_format, **options, **({"icc_profile": icc_profile} if icc_profile else {}))
    return buffer.getvalue()


def _rendition_name(photo: Photo, width: int, kind: str, content: bytes) -> str:
    stem = posixpath.splitext(posixpath.basename(photo.image.name))[0]
    folder = posixpath.dirname(photo.image.name).replace("photos/", "", 1).strip("/")
    extension = FORMATS[kind][1]
    digest = hashlib.sha256(content).hexdigest()[:12]
    return posixpath.join("renditions", folder, f"{stem}-{width}w-{digest}.{extension}")


def _store(name: str, content: bytes) -> str:
    """Write ``content`` under its content-hashed ``name``, unless it is there already."""
    storage = rendition_storage()
    if storage.exists(name):
        return name
    return storage.save(name, ContentFile(content))


def rendition_files(renditions: dict) -> set[str]:
    """The storage names recorded in a ``Photo.renditions`` value."""
    return {
        entry[kind]
        for entry in (renditions or {}).values()
        if isinstance(entry, dict)
        for kind in FORMATS
        if entry.get(kind)
    }


def photo_make_renditions(*, photo: Photo, rebuild: bool = False) -> Photo:
    """Create the missing renditions of ``photo`` and record them in ``photo.renditions``.

    Made once: a rendition already recorded is never made again, so calling this on
    every save (admin, import, demo content) costs one lookup. The row is locked while
    the files are made so that two workers never make the same rendition twice.
    Also corrects ``width``/``height`` to the photo as displayed (a portrait shot
    stored sideways with an EXIF orientation is a portrait on the page).
    ``rebuild`` makes every rendition again (a replaced image, a new encoder): the
    record is replaced only once all of them are made.
    """
    if not photo.pk or not photo.image:
        return photo
    if not rebuild and not _missing(photo.renditions or {}, rendition_widths(photo.width or 0)) and photo.width:
        return photo
    with transaction.atomic():
        locked = Photo.objects.select_for_update().get(pk=photo.pk)
        renditions = {} if rebuild else dict(locked.renditions or {})
        try:
            image = _load_oriented(photo)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
            # Uploads are decoded by the validator first, so this is an original damaged
            # or missing in storage: pages show no picture (never the original), the
            # next call tries again.
            logger.warning("Renditions of photo %s not made: %s", photo.pk, error)
            return photo
        original_width, original_height = image.size
        widths = rendition_widths(original_width)
        missing = _missing(renditions, widths)
        # Largest first, each made from the previous one: a short step keeps Lanczos
        # sharp and costs far less than going back to the full original every time.
        sized = []
        source = image
        for width in sorted(missing, reverse=True):
            height = max(1, round(original_height * width / original_width))
            if source.width != width:
                source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            sized.append(source)
        # Pillow releases the GIL while encoding: the files are encoded side by side,
        # then written one by one through the storage.
        jobs = [(resized, kind) for resized in sized for kind in FORMATS]
        with ThreadPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1, 4) or 1) as pool:
            encoded = list(pool.map(lambda job: _encode(*job), jobs))
        for (resized, kind), content in zip(jobs, encoded, strict=True):
            entry = renditions.setdefault(str(resized.width), {})
            entry["height"] = resized.height
            entry[kind] = _store(_rendition_name(photo, resized.width, kind, content), content)
            entry[f"{kind}_bytes"] = len(content)  # feeds' enclosures need it; asking S3 costs a request
        photo.renditions = renditions
        update_fields = ["renditions"]
        if (photo.width, photo.height) != (original_width, original_height):
            photo.width, photo.height = original_width, original_height
            update_fields += ["width", "height"]
        photo.save(update_fields=update_fields)
    return photo


def photo_rebuild_renditions(*, photo: Photo) -> Photo:
    """Make every rendition of ``photo`` again and delete the files no longer recorded.

    For a replaced image, and for an operator who changed the widths or the encoders
    (``manage.py rebuild_renditions``). The old files are deleted once the new record is
    committed; until then pages keep linking the old ones, which still exist.
    """
    recorded = Photo.objects.filter(pk=photo.pk).values_list("renditions", flat=True)
    before = rendition_files(recorded.first())
    photo = photo_make_renditions(photo=photo, rebuild=True)
    stale = before - rendition_files(recorded.first())
    if stale:
        transaction.on_commit(lambda: delete_files(rendition_storage(), stale))
    return photo


def delete_files(storage, names) -> None:
    """Delete ``names`` from ``storage``; one that cannot be deleted is logged, not raised."""
    for name in sorted(names):
        try:
            storage.delete(name)
        except Exception as error:  # noqa: BLE001 - a leftover file must not fail the editor's save
            logger.warning("Stale media file %s not deleted: %s", name, error)
