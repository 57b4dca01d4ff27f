"""Issue 11 item 5: the photo library no longer bypasses review.

A journalist changes only the photos they uploaded that no published article shows;
editors change every photo. Replacing an image gives new renditions and refreshes the
pages that show the photo.
"""

import re

import pytest
from django.urls import reverse

from articles.models import Article, Photo
from articles.renditions import photo_make_renditions
from tests.factories import ArticleFactory, PhotoFactory, editor, image_upload, journalist

pytestmark = pytest.mark.django_db


def change(client, photo, **data):
    return client.post(
        reverse("admin:articles_photo_change", args=[photo.pk]),
        {"caption": "Légende modifiée", "credit": "D.R.", "alt_text": "Texte", **data},
    )


def delete(client, photo):
    return client.post(reverse("admin:articles_photo_delete", args=[photo.pk]), {"post": "yes"})


@pytest.fixture
def author():
    return journalist()


@pytest.fixture
def own_photo(author):
    return PhotoFactory(uploaded_by=author, caption="Avant")


def test_journalist_changes_own_photo_that_no_published_article_uses(client, author, own_photo):
    ArticleFactory(lead_photo=own_photo, status=Article.Status.DRAFT)
    client.force_login(author)
    assert change(client, own_photo).status_code == 302
    assert Photo.objects.get(pk=own_photo.pk).caption == "Légende modifiée"


def test_journalist_cannot_change_own_photo_once_a_published_article_uses_it(client, author, own_photo):
    ArticleFactory(lead_photo=own_photo)
    client.force_login(author)
    assert change(client, own_photo).status_code == 403
    assert Photo.objects.get(pk=own_photo.pk).caption == "Avant"
    # The change form shows it read-only: no image input, no save button.
    html = client.get(reverse("admin:articles_photo_change", args=[own_photo.pk])).content.decode()
    assert 'type="file"' not in html and 'name="_save"' not in html


def test_journalist_cannot_change_own_photo_shown_in_a_published_body(client, author, own_photo):
    other = PhotoFactory(uploaded_by=author, caption="Avant")
    body = f'<p>Texte.</p><figure><img data-file="{own_photo.pk}" alt="x"><figcaption>Vue</figcaption></figure>'
    ArticleFactory(body=body)
    client.force_login(author)
    assert change(client, own_photo).status_code == 403
    assert Photo.objects.get(pk=own_photo.pk).caption == "Avant"
    # Another of their photos, in no body, stays theirs to change.
    assert change(client, other).status_code == 302


def test_journalist_cannot_change_a_scheduled_articles_photo(client, author, own_photo):
    from django.utils import timezone

    ArticleFactory(lead_photo=own_photo, publish_at=timezone.now() + timezone.timedelta(days=1))
    client.force_login(author)
    assert change(client, own_photo).status_code == 403


def test_journalist_cannot_replace_the_image_of_a_published_photo(client, author, own_photo):
    ArticleFactory(lead_photo=own_photo)
    name = own_photo.image.name
    client.force_login(author)
    assert change(client, own_photo, image=image_upload(name="autre.jpg")).status_code == 403
    assert Photo.objects.get(pk=own_photo.pk).image.name == name


def test_journalist_cannot_change_a_colleagues_photo(client, author):
    colleagues = PhotoFactory(uploaded_by=journalist(), caption="Avant")
    client.force_login(author)
    assert change(client, colleagues).status_code == 403
    assert Photo.objects.get(pk=colleagues.pk).caption == "Avant"


def test_journalist_cannot_delete_a_published_photo_or_a_colleagues(client, author, own_photo):
    ArticleFactory(lead_photo=own_photo)
    colleagues = PhotoFactory(uploaded_by=journalist())
    client.force_login(author)
    assert delete(client, own_photo).status_code == 403
    assert delete(client, colleagues).status_code == 403
    assert Photo.objects.filter(pk__in=[own_photo.pk, colleagues.pk]).count() == 2


def test_journalist_still_sees_and_picks_every_photo(client, author):
    colleagues = PhotoFactory(uploaded_by=journalist(), caption="Le marché de la place aux Herbes")
    client.force_login(author)
    assert client.get(reverse("admin:articles_photo_change", args=[colleagues.pk])).status_code == 200
    assert "place aux Herbes" in client.get(reverse("admin:articles_photo_changelist")).content.decode()


def test_editor_changes_any_photo_even_a_published_one(client, own_photo):
    ArticleFactory(lead_photo=own_photo)
    client.force_login(editor())
    assert change(client, own_photo).status_code == 302
    assert Photo.objects.get(pk=own_photo.pk).caption == "Légende modifiée"


def test_journalist_upload_is_recorded_as_theirs(client, author):
    client.force_login(author)
    response = client.post(
        reverse("admin:articles_photo_add"),
        {"image": image_upload(), "caption": "Nouvelle", "credit": "D.R.", "alt_text": "x"},
    )
    assert response.status_code == 302
    assert Photo.objects.get().uploaded_by == author


def picture_urls(html):
    return set(re.findall(r"/media/renditions/[^\" ,]+", html))


def test_replaced_image_gets_new_renditions_and_cached_pages_show_them(
    client, settings, django_capture_on_commit_callbacks
):
    """Today the old renditions kept being served; pages cached the old URLs."""
    photo = photo_make_renditions(photo=PhotoFactory())
    article = ArticleFactory(lead_photo=photo)
    old = picture_urls(client.get(article.get_absolute_url()).content.decode())
    section_before = picture_urls(client.get(article.category.get_absolute_url()).content.decode())
    assert old
    staff = editor()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = change(client, photo, image=image_upload(name="refaite.jpg", color=(220, 180, 30)))
    assert response.status_code == 302
    client.logout()
    new = picture_urls(client.get(article.get_absolute_url()).content.decode())
    assert new and not new & old
    section_after = picture_urls(client.get(article.category.get_absolute_url()).content.decode())
    assert not section_after & section_before
    # The old files are gone from storage, the new ones are there.
    root = settings.MEDIA_ROOT
    assert all(not (root / url.removeprefix("/media/")).exists() for url in old)
    assert all((root / url.removeprefix("/media/")).exists() for url in new)
