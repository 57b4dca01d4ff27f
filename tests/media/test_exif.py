"""Issue 11 item 13: originals are stored without GPS, serial numbers and other metadata;
pages, feeds and sitemaps never link an original."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from articles.models import Photo
from articles.renditions import photo_make_renditions
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, editor

pytestmark = pytest.mark.django_db

SERIAL = "CAM-SERIE-4471"
OWNER = "Jeanne Reporter"


def phone_exif(orientation=6):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Fabricant"
    exif[ExifTags.Base.Artist] = OWNER
    exif[ExifTags.Base.BodySerialNumber] = SERIAL
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (45.0, 11.0, 24.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (5.0, 43.0, 36.0),
    }
    return exif


SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()  # made once: it holds a date


def phone_jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (30, 120, 200)).save(
        buffer, "JPEG", quality=90, exif=phone_exif(), icc_profile=SRGB_PROFILE, comment=f"owner {OWNER}".encode()
    )
    content = buffer.getvalue()
    assert SERIAL.encode() in content and OWNER.encode() in content  # the test's own premise
    return content


def stored_bytes(photo):
    with default_storage.open(photo.image.name, "rb") as stored:
        return stored.read()


def test_admin_upload_stores_the_original_without_gps_or_serial_but_with_orientation_and_profile(client):
    client.force_login(editor())
    response = client.post(
        reverse("admin:articles_photo_add"),
        {
            "image": SimpleUploadedFile("telephone.jpg", phone_jpeg(), content_type="image/jpeg"),
            "caption": "Le col du Lautaret",
            "credit": "D.R.",
            "alt_text": "Un col enneigé",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    content = stored_bytes(photo)
    assert SERIAL.encode() not in content and OWNER.encode() not in content
    with Image.open(io.BytesIO(content)) as image:
        exif = image.getexif()
        assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert dict(exif) == {ExifTags.Base.Orientation: 6}  # kept: renditions turn it upright
        assert image.info.get("icc_profile") == SRGB_PROFILE
        assert "comment" not in image.info
        assert image.size == (1600, 1000)
    # The orientation still turns the renditions upright.
    assert (photo.width, photo.height) == (1000, 1600)


def test_png_and_webp_lose_their_exif_and_xmp_too():
    png_info = PngImagePlugin.PngInfo()
    png_info.add_text("Author", OWNER)
    png_info.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta><serial>{SERIAL}</serial></x:xmpmeta>")
    png = io.BytesIO()
    Image.new("RGBA", (600, 400), (0, 0, 255, 128)).save(png, "PNG", pnginfo=png_info, exif=phone_exif(1))
    webp = io.BytesIO()
    Image.new("RGB", (600, 400)).save(webp, "WEBP", exif=phone_exif(1), xmp=f"<x>{SERIAL}</x>".encode())
    for name, content in (("a.png", png.getvalue()), ("b.webp", webp.getvalue())):
        assert SERIAL.encode() in content
        photo = PhotoFactory(image=SimpleUploadedFile(name, content))
        stored = stored_bytes(photo)
        assert SERIAL.encode() not in stored and OWNER.encode() not in stored
        with Image.open(io.BytesIO(stored)) as image:
            assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
            assert image.size == (600, 400)


def test_no_public_page_feed_or_sitemap_links_an_original(client):
    with_renditions = photo_make_renditions(photo=PhotoFactory(caption="Avec déclinaisons"))
    without = PhotoFactory(caption="Sans déclinaisons")  # a damaged original, say
    author = AuthorFactory(photo=with_renditions)
    article = ArticleFactory(lead_photo=with_renditions, authors=[author], tags=["montagne"])
    other = ArticleFactory(lead_photo=without, category=article.category)
    urls = [
        "/",
        article.get_absolute_url(),
        other.get_absolute_url(),
        article.category.get_absolute_url(),
        article.category.parent.get_absolute_url(),
        author.get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": "montagne"}),
        "/flux/rss/",
        "/flux/atom/",
        "/sitemap.xml",
        "/sitemap-news.xml",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for photo in (with_renditions, without):
            assert photo.image.name not in body, url
        assert "/media/photos/" not in body, url
    # The photo with renditions is shown, through them.
    assert "/media/renditions/" in client.get(article.get_absolute_url()).content.decode()
