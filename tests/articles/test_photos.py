"""Photo uploads are checked by Pillow before anything is stored; renditions are made once."""

import io
import struct
import zlib

import pytest
from django.contrib import admin
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.urls import reverse
from PIL import Image

from articles.models import Photo
from articles.renditions import photo_make_renditions
from tests.factories import PhotoFactory, editor, image_bytes

pytestmark = pytest.mark.django_db

PhotoForm = modelform_factory(Photo, fields=["image", "caption", "credit", "alt_text"])

NOT_AN_IMAGE = "Téléversez une image valide"
WRONG_FORMAT = "Format non accepté"
TOO_MANY_PIXELS = "Image trop grande"
TOO_HEAVY = "Fichier trop lourd"


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def submit(file):
    form = PhotoForm(
        data={"caption": "La Bastille vue des quais", "credit": "D.R.", "alt_text": "Les toits de Grenoble"},
        files={"image": file},
    )
    photo = form.save() if form.is_valid() else None
    return form, photo


def png_header_only(width, height):
    """A tiny valid-looking PNG that declares ``width`` × ``height`` 1-bit pixels.

    Its few bytes of data would inflate to a huge bitmap: the shape of a
    decompression bomb, refused before any pixel is decoded.
    """

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def assert_refused(form, message, settings):
    assert not form.is_valid()
    assert message in " ".join(form.errors["image"])
    assert Photo.objects.count() == 0
    assert stored_files(settings.MEDIA_ROOT) == []


# --- refused uploads -------------------------------------------------------------------


def test_text_file_renamed_jpg_is_refused_in_french_and_nothing_stored(settings):
    form, _ = submit(upload(b"Ceci n'est pas une photo, juste du texte.\n" * 20))
    assert_refused(form, NOT_AN_IMAGE, settings)


@pytest.mark.parametrize(("fmt", "name"), [("GIF", "photo.gif"), ("BMP", "photo.bmp")])
def test_gif_and_bmp_are_refused(fmt, name, settings):
    form, _ = submit(upload(image_bytes(width=64, height=48, fmt=fmt), name=name))
    assert_refused(form, WRONG_FORMAT, settings)
    assert fmt in " ".join(form.errors["image"])


def test_gif_renamed_jpg_is_refused_on_its_content_not_its_name(settings):
    form, _ = submit(upload(image_bytes(width=64, height=48, fmt="GIF"), name="photo.jpg"))
    assert_refused(form, WRONG_FORMAT, settings)


def test_decompression_bomb_over_the_pixel_limit_is_refused_before_decoding(settings):
    settings.PHOTO_MAX_PIXELS = 40_000_000
    content = png_header_only(8000, 6000)  # 48 million pixels in a few hundred bytes
    assert len(content) < 1000
    form, _ = submit(upload(content, name="bombe.png", content_type="image/png"))
    assert_refused(form, TOO_MANY_PIXELS, settings)
    assert "8000 × 6000" in " ".join(form.errors["image"])


def test_giant_decompression_bomb_is_refused_with_the_real_reason(settings):
    """Far beyond Pillow's own limit (Django's field refuses it before our validator)."""
    form, _ = submit(upload(png_header_only(100_000, 100_000), name="bombe.png", content_type="image/png"))
    assert form.errors["image"] == ["Image trop grande : le nombre de pixels dépasse la limite autorisée."]
    assert Photo.objects.count() == 0
    assert stored_files(settings.MEDIA_ROOT) == []


def test_real_photo_over_lowered_pixel_limit_is_refused(settings):
    settings.PHOTO_MAX_PIXELS = 1_000_000
    form, _ = submit(upload(image_bytes(width=1600, height=1000)))
    assert_refused(form, TOO_MANY_PIXELS, settings)


def test_too_many_bytes_is_refused(settings):
    settings.PHOTO_MAX_BYTES = 2_000
    content = image_bytes(width=800, height=500)
    assert len(content) > 2_000
    form, _ = submit(upload(content))
    assert_refused(form, TOO_HEAVY, settings)


def test_truncated_png_is_refused(settings):
    content = image_bytes(width=300, height=200, fmt="PNG")
    form, _ = submit(upload(content[: len(content) // 2], name="photo.png", content_type="image/png"))
    assert not form.is_valid()
    assert Photo.objects.count() == 0


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP"])
def test_truncated_photo_is_refused_before_its_renditions_fail(fmt, settings):
    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buffer, fmt)
    content = buffer.getvalue()
    form, _ = submit(upload(content[: len(content) // 2]))
    assert not form.is_valid()
    assert Photo.objects.count() == 0
    assert stored_files(settings.MEDIA_ROOT) == []


def test_pixel_limit_is_stated_in_french(settings):
    settings.PHOTO_MAX_PIXELS = 2_500_000
    form, _ = submit(upload(image_bytes(width=2000, height=1500)))
    assert "2,5 millions de pixels au maximum" in " ".join(form.errors["image"])


# --- accepted uploads and renditions ---------------------------------------------------


@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "photo.jpg"), ("PNG", "photo.png"), ("WEBP", "photo.webp")])
def test_real_photo_is_accepted_with_its_size_and_gets_renditions(fmt, name):
    form, photo = submit(upload(image_bytes(width=1600, height=1000, fmt=fmt), name=name))
    assert form.is_valid(), form.errors
    assert (photo.width, photo.height) == (1600, 1000)
    photo_make_renditions(photo=photo)
    photo.refresh_from_db()
    assert sorted(photo.renditions, key=int) == ["480", "800", "1200"]
    for width, entry in photo.renditions.items():
        assert entry["height"] == round(1000 * int(width) / 1600)
        with default_storage.open(entry["webp"]) as webp, Image.open(webp) as image:
            assert (image.format, image.size) == ("WEBP", (int(width), entry["height"]))
        with default_storage.open(entry["jpeg"]) as jpeg, Image.open(jpeg) as image:
            assert (image.format, image.size) == ("JPEG", (int(width), entry["height"]))
        assert entry["jpeg_bytes"] == default_storage.size(entry["jpeg"])
        assert entry["webp_bytes"] == default_storage.size(entry["webp"])


def test_rendition_urls_list_widths_narrowest_first():
    photo = photo_make_renditions(photo=PhotoFactory())
    urls = photo.rendition_urls("webp")
    assert [width for width, _ in urls] == [480, 800, 1200]
    assert all(url.startswith("/media/renditions/") and url.endswith(".webp") for _, url in urls)
    assert [width for width, _ in photo.rendition_urls()] == [480, 800, 1200]


def test_small_photo_is_never_upscaled():
    photo = PhotoFactory(image=upload(image_bytes(width=600, height=400)))
    photo_make_renditions(photo=photo)
    assert sorted(photo.renditions, key=int) == ["480", "600"]
    assert photo.renditions["600"]["height"] == 400
    with default_storage.open(photo.renditions["600"]["jpeg"]) as stored, Image.open(stored) as image:
        assert image.size == (600, 400)


def test_portrait_keeps_its_aspect_ratio():
    photo = photo_make_renditions(photo=PhotoFactory(image=upload(image_bytes(width=900, height=1350))))
    assert {width: entry["height"] for width, entry in photo.renditions.items()} == {
        "480": 720,
        "800": 1200,
        "900": 1350,
    }


def test_exif_orientation_is_applied():
    """A phone's portrait stored sideways (orientation 6) is a portrait in every rendition."""
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    Image.new("RGB", (1600, 1000), (200, 30, 30)).save(buffer, "JPEG", exif=exif)
    photo = PhotoFactory(image=upload(buffer.getvalue()))
    assert (photo.width, photo.height) == (1600, 1000)  # as stored
    photo_make_renditions(photo=photo)
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (1000, 1600)  # as displayed
    assert photo.renditions["800"]["height"] == 1280
    with default_storage.open(photo.renditions["800"]["jpeg"]) as stored, Image.open(stored) as image:
        assert image.size == (800, 1280)
        assert image.getexif().get(0x0112) is None


def test_transparent_png_gets_white_jpeg_and_transparent_webp():
    buffer = io.BytesIO()
    Image.new("RGBA", (1000, 500), (0, 0, 255, 0)).save(buffer, "PNG")
    photo = photo_make_renditions(photo=PhotoFactory(image=upload(buffer.getvalue(), name="logo.png")))
    with default_storage.open(photo.renditions["800"]["jpeg"]) as stored, Image.open(stored) as image:
        assert image.mode == "RGB"
        assert image.getpixel((10, 10)) == (255, 255, 255)
    with default_storage.open(photo.renditions["800"]["webp"]) as stored, Image.open(stored) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((10, 10))[3] == 0


def test_renditions_are_made_once(settings):
    photo = photo_make_renditions(photo=PhotoFactory())
    recorded = dict(photo.renditions)
    files = stored_files(settings.MEDIA_ROOT)
    assert len(files) == 1 + 3 * 2  # the original, three widths in two formats

    again = Photo.objects.get(pk=photo.pk)
    photo_make_renditions(photo=again)
    assert again.renditions == recorded
    assert Photo.objects.get(pk=photo.pk).renditions == recorded
    assert stored_files(settings.MEDIA_ROOT) == files


def test_only_the_missing_rendition_is_made(settings):
    photo = photo_make_renditions(photo=PhotoFactory())
    kept = {width: entry for width, entry in photo.renditions.items() if width != "800"}
    Photo.objects.filter(pk=photo.pk).update(renditions=kept)
    for kind in ("jpeg", "webp"):
        default_storage.delete(photo.renditions["800"][kind])
    before = set(stored_files(settings.MEDIA_ROOT))

    photo = photo_make_renditions(photo=Photo.objects.get(pk=photo.pk))
    assert sorted(photo.renditions, key=int) == ["480", "800", "1200"]
    assert {width: photo.renditions[width] for width in kept} == kept
    new_files = set(stored_files(settings.MEDIA_ROOT)) - before
    assert len(new_files) == 2
    assert all("-800w" in name for name in new_files)


def test_damaged_original_in_storage_makes_no_rendition_and_no_error(caplog):
    photo = PhotoFactory()
    with default_storage.open(photo.image.name, "wb") as stored:
        stored.write(b"plus une image")
    photo_make_renditions(photo=photo)
    assert Photo.objects.get(pk=photo.pk).renditions == {}
    assert "not made" in caplog.text


def test_photos_go_through_the_storage_api_not_the_local_disk(settings):
    memory = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    settings.STORAGES = {**settings.STORAGES, "default": memory, "renditions": memory}
    photo = photo_make_renditions(photo=PhotoFactory())
    assert stored_files(settings.MEDIA_ROOT) == []
    assert default_storage.exists(photo.image.name)
    for entry in photo.renditions.values():
        assert storages["renditions"].exists(entry["webp"]) and storages["renditions"].exists(entry["jpeg"])


def test_caption_stays_editable_after_the_limits_are_lowered(settings):
    """The original was checked on upload: a later, stricter limit must not lock its caption."""
    photo = PhotoFactory()
    settings.PHOTO_MAX_BYTES = 100
    settings.PHOTO_MAX_PIXELS = 100
    form = PhotoForm(
        data={"caption": "Nouvelle légende", "credit": "D.R.", "alt_text": "Les toits"},
        instance=Photo.objects.get(pk=photo.pk),
    )
    assert form.is_valid(), form.errors
    form.save()
    assert Photo.objects.get(pk=photo.pk).caption == "Nouvelle légende"


# --- through the admin, once the Photo admin exists ------------------------------------


@pytest.fixture
def photo_admin_add_url():
    if Photo not in admin.site._registry:
        pytest.skip("the Photo admin is not registered yet (articles/admin.py)")
    return reverse("admin:articles_photo_add")


def test_admin_refuses_text_file_in_french_and_stores_nothing(client, settings, photo_admin_add_url):
    client.force_login(editor())
    response = client.post(
        photo_admin_add_url,
        {"image": upload(b"pas une image\n" * 50), "caption": "x", "credit": "D.R.", "alt_text": "x"},
    )
    assert response.status_code == 200
    assert NOT_AN_IMAGE in response.content.decode()
    assert Photo.objects.count() == 0
    assert stored_files(settings.MEDIA_ROOT) == []


def test_admin_upload_stores_photo_with_renditions(client, photo_admin_add_url):
    client.force_login(editor())
    response = client.post(
        photo_admin_add_url,
        {"image": upload(image_bytes()), "caption": "Le lac du Bourget", "credit": "D.R.", "alt_text": "Un lac"},
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (1600, 1000)
    assert sorted(photo.renditions, key=int) == ["480", "800", "1200"]
