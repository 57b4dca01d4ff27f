"""Media on an S3-compatible bucket: a real S3 API (moto's server mode) on loopback.

Uploads through the admin land in the bucket, renditions carry a year-long immutable
Cache-Control and are linked without a signature, originals are signed and only in the
admin, a replaced image or a rebuild gives new renditions, and a second process
configured from the environment alone finds the same files.
"""

import io
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from articles.models import Photo
from common.storage import RENDITION_CACHE_CONTROL
from tests.factories import ArticleFactory, editor, image_upload

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]


def keys(media, prefix=""):
    listed = media["client"].list_objects_v2(Bucket=media["bucket"], Prefix=prefix)
    return sorted(item["Key"] for item in listed.get("Contents", []))


def admin_upload(client, color=(40, 90, 140)):
    client.force_login(editor())
    response = client.post(
        reverse("admin:articles_photo_add"),
        {
            "image": image_upload(color=color),
            "caption": "Le lac de Paladru",
            "credit": "D.R.",
            "alt_text": "Un lac bordé de roseaux",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Photo.objects.get()


def srcset_urls(html):
    return [
        url for srcset in re.findall(r'srcset="([^"]+)"', html) for url, _ in (c.split() for c in srcset.split(", "))
    ]


def test_admin_upload_puts_original_and_renditions_in_the_bucket(client, s3_media):
    photo = admin_upload(client)
    assert keys(s3_media, "photos/") == [photo.image.name]
    renditions = keys(s3_media, "renditions/")
    assert len(renditions) == 3 * 2  # three widths, WebP and JPEG
    assert (
        sorted(photo.renditions[width][kind] for width in ("480", "800", "1200") for kind in ("webp", "jpeg"))
        == renditions
    )
    for key in renditions:
        head = s3_media["client"].head_object(Bucket=s3_media["bucket"], Key=key)
        assert head["CacheControl"] == "public, max-age=31536000, immutable"
        assert head["ContentType"] == ("image/webp" if key.endswith(".webp") else "image/jpeg")
        # The name holds a hash of the bytes: the same name never means other bytes.
        assert re.search(r"-\d+w-[0-9a-f]{12}\.(webp|jpg)$", key)
    original = s3_media["client"].head_object(Bucket=s3_media["bucket"], Key=photo.image.name)
    assert "CacheControl" not in original


def test_article_page_links_unsigned_renditions_that_answer_with_their_cache_headers(client, s3_media):
    photo = admin_upload(client)
    article = ArticleFactory(lead_photo=photo)
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    urls = srcset_urls(html)
    assert len(urls) == 6
    for url in urls:
        assert url.startswith(f"{s3_media['endpoint_url']}/{s3_media['bucket']}/renditions/")
        assert "?" not in url  # no signature, no expiry: a CDN may keep it
    # The original is never linked, signed or not.
    assert photo.image.name not in html
    with urllib.request.urlopen(urls[0], timeout=10) as response:  # as a reader's browser would
        assert response.status == 200
        assert response.headers["Cache-Control"] == RENDITION_CACHE_CONTROL
        assert response.headers["Content-Type"] == "image/webp"
        assert Image.open(io.BytesIO(response.read())).format == "WEBP"


def test_custom_domain_links_renditions_through_the_cdn(client, s3_media, settings):
    settings.STORAGES["renditions"]["OPTIONS"]["custom_domain"] = "medias.example.org"
    storages._storages.pop("renditions", None)  # STORAGES was changed in place
    photo = admin_upload(client)
    article = ArticleFactory(lead_photo=photo)
    client.logout()
    urls = srcset_urls(client.get(article.get_absolute_url()).content.decode())
    assert urls and all(url.startswith("https://medias.example.org/renditions/") for url in urls)


def test_admin_links_the_original_with_an_expiring_signature(client, s3_media):
    photo = admin_upload(client)
    html = client.get(reverse("admin:articles_photo_change", args=[photo.pk])).content.decode()
    (link,) = re.findall(r'href="([^"]*' + re.escape(photo.image.name) + r'[^"]*)"', html)
    assert "X-Amz-Signature=" in link and "X-Amz-Expires=" in link
    # Without the signature the bucket's objects are not public. (moto answers anyway;
    # the README's bucket policy makes only renditions/ public.)
    assert default_storage.url(photo.image.name) != storages["renditions"].url(photo.image.name)


def test_replacing_the_image_gives_new_renditions_and_deletes_the_old_files(
    client, s3_media, django_capture_on_commit_callbacks
):
    photo = admin_upload(client)
    article = ArticleFactory(lead_photo=photo)
    old_original, old_renditions = photo.image.name, keys(s3_media, "renditions/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_photo_change", args=[photo.pk]),
            {
                "image": image_upload(name="lac-refait.jpg", color=(200, 160, 20)),
                "caption": "Le lac de Paladru",
                "credit": "D.R.",
                "alt_text": "Un lac bordé de roseaux",
            },
        )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert keys(s3_media, "photos/") == [photo.image.name] != [old_original]
    new_renditions = keys(s3_media, "renditions/")
    assert len(new_renditions) == 6 and not set(new_renditions) & set(old_renditions)
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert all(url.split(f"/{s3_media['bucket']}/")[1] in new_renditions for url in srcset_urls(html))


def test_rebuild_command_remakes_renditions_in_the_bucket(
    client, s3_media, settings, django_capture_on_commit_callbacks
):
    photo = admin_upload(client)
    settings.PHOTO_RENDITION_WIDTHS = (320, 800)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_renditions", stdout=io.StringIO())
    photo.refresh_from_db()
    assert sorted(photo.renditions, key=int) == ["320", "800"]
    assert keys(s3_media, "renditions/") == sorted(
        photo.renditions[width][kind] for width in ("320", "800") for kind in ("webp", "jpeg")
    )


def test_a_second_process_configured_from_the_environment_finds_the_files(client, s3_media):
    """What two app servers need: the AWS_* variables alone point them at the same media."""
    photo = admin_upload(client)
    rendition = photo.renditions["800"]["webp"]
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "a-second-app-server",
        "AWS_STORAGE_BUCKET_NAME": s3_media["bucket"],
        "AWS_S3_ENDPOINT_URL": s3_media["endpoint_url"],
        "AWS_ACCESS_KEY_ID": s3_media["access_key"],
        "AWS_SECRET_ACCESS_KEY": s3_media["secret_key"],
        "AWS_S3_REGION_NAME": s3_media["region"],
        "AWS_S3_CUSTOM_DOMAIN": "",
    }
    script = (
        "from django.conf import settings; from django.core.files.storage import default_storage, storages; "
        f"print(default_storage.exists({photo.image.name!r}), storages['renditions'].exists({rendition!r})); "
        f"print(storages['renditions'].url({rendition!r})); "
        "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found, url, img_src = result.stdout.splitlines()[-3:]  # after what other apps print at start-up
    assert found == "True True"
    assert url == f"{s3_media['endpoint_url']}/{s3_media['bucket']}/{rendition}"
    assert s3_media["endpoint_url"] in img_src.split()  # the CSP lets pages show them
