"""Uploaded photos: checked with Pillow before anything is stored, stripped of their
metadata as they are stored."""

import io
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


def validate_photo_file(upload):
    """Accept only a real JPEG, PNG or WebP image of bounded bytes and pixels.

    The header is read first so that a decompression bomb is refused on its declared
    size, before any pixel is decoded.
    """
    if upload is None:
        return
    if getattr(upload, "_committed", False):
        # Already in storage: it was checked when it was uploaded. Checking it again would
        # lock the caption of older photos once the limits are lowered, and download the
        # original (S3) on every edit.
        return
    size = getattr(upload, "size", None)
    if size is not None and size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            "Fichier trop lourd (%(size)s) : %(max)s au maximum.",
            code="too_big",
            params={"size": filesizeformat(size), "max": filesizeformat(settings.PHOTO_MAX_BYTES)},
        )
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if image_format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        "Format non accepté (%(format)s) : JPEG, PNG ou WebP uniquement.",
                        code="format",
                        params={"format": image_format or "inconnu"},
                    )
                if width * height > settings.PHOTO_MAX_PIXELS:
                    raise ValidationError(
                        "Image trop grande (%(width)s × %(height)s pixels) : %(max)s millions de pixels au maximum.",
                        code="too_many_pixels",
                        params={
                            "width": width,
                            "height": height,
                            "max": f"{settings.PHOTO_MAX_PIXELS / 1_000_000:g}".replace(".", ","),
                        },
                    )
                image.verify()
            # verify() reads little of a JPEG: a truncated one would pass and then fail when
            # its renditions are made. Decoding finds it; a JPEG decodes at 1/8 scale, cheaply.
            upload.seek(0)
            with Image.open(upload) as image:
                if image.format == "JPEG":
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise bomb_error() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "Ce fichier n'est pas une image valide (JPEG, PNG ou WebP attendu).",
            code="not_an_image",
        ) from error
    finally:
        if position is not None:
            upload.seek(position)


def bomb_error() -> ValidationError:
    return ValidationError(
        "Image trop grande : le nombre de pixels dépasse la limite autorisée.",
        code="too_many_pixels",
    )


class PhotoFormField(forms.ImageField):
    """Django's image field, except for an image declaring more pixels than Pillow opens
    at all (2 × ``Image.MAX_IMAGE_PIXELS``, about 179 million): Django reports it as
    "not a valid image" before our validator runs; the editor is told the real reason."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError as error:
            if isinstance(error.__cause__, Image.DecompressionBombError):
                raise bomb_error() from error
            raise


ORIENTATION = 0x0112  # the one EXIF tag an original keeps


def without_metadata(content) -> ContentFile:
    """The image in ``content`` stored again without its metadata.

    A phone's photo carries the place it was taken (GPS), the camera's and lens's serial
    numbers, the owner's name, dates, editing software, thumbnails (XMP and IPTC too):
    none of it may reach the storage. Only the colour profile (colours) and the EXIF
    orientation (renditions apply it) are kept. The pixels are written again in their
    own format: a JPEG with its own quantisation tables (``quality="keep"``, no visible
    loss), a PNG losslessly, a WebP at high quality; only renditions reach readers.
    """
    content.seek(0)
    with Image.open(content) as image:
        image.load()
        kept_exif = Image.Exif()
        orientation = image.getexif().get(ORIENTATION)
        if orientation:
            kept_exif[ORIENTATION] = orientation
        options = {"exif": kept_exif.tobytes() if orientation else b""}
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        if image.format == "JPEG":
            # Pillow carries a JPEG's comment over unless told otherwise.
            options.update(quality="keep", subsampling="keep", optimize=True, comment=b"")
        elif image.format == "PNG":
            if "transparency" in image.info:
                options["transparency"] = image.info["transparency"]
        elif image.format == "WEBP":
            options.update(quality=90, method=4)
        output = io.BytesIO()
        image.save(output, image.format, **options)
    return ContentFile(output.getvalue(), name=getattr(content, "name", None))


class PhotoFieldFile(ImageFieldFile):
    """A photo file whose metadata is stripped on its way into the storage.

    Every upload goes through ``FieldFile.save`` (the admin's form, the demo content,
    the test factories), so no original is stored with its GPS position.
    """

    def save(self, name, content, save=True):
        super().save(name, without_metadata(content), save=save)


class PhotoImageField(models.ImageField):
    """An ``ImageField`` whose form field is ``PhotoFormField`` and whose files are stored
    without their metadata (``PhotoFieldFile``).

    Deconstructed as a plain ``ImageField``: the column is the same, so migrations
    need not know about it.
    """

    attr_class = PhotoFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})

    def deconstruct(self):
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs
