"""The body editor in the admin: French tooltips, photos from the library, tables."""

import pytest

from tests.articles.test_views import photo_with_renditions
from tests.factories import editor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor_page(live_server, page):
    user = editor(username="redaction")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "demo-newsroom")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.locator(".prose-menubar").first.wait_for()
    return live_server, page


def test_the_editor_speaks_french(editor_page):
    _server, page = editor_page
    menubar = page.locator(".prose-menubar").first
    assert menubar.locator('[title="Gras"]').count() == 1
    assert menubar.locator('[title="Italique"]').count() == 1
    assert menubar.locator('[title="Insérer un lien"]').count() == 1
    assert menubar.locator('[title="bold"], [title="italic"], [title="insert link"]').count() == 0


def test_a_photo_is_picked_from_the_library(editor_page):
    server, page = editor_page
    photo = photo_with_renditions()
    menubar = page.locator(".prose-menubar").first
    menubar.locator('[title="Photo de la photothèque"]').click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as popup_info:
        dialog.get_by_role("button", name="Browse...").or_(dialog.get_by_role("button", name="Parcourir…")).or_(
            dialog.get_by_role("button", name="Parcourir...")
        ).first.click()
    picker = popup_info.value
    picker.wait_for_load_state()
    # The picker closes itself once it has handed the photo over.
    picker.locator(f'[data-photo-id="{photo.pk}"]').click(no_wait_after=True)
    assert dialog.locator("input[name=altText]").input_value() == photo.alt_text
    dialog.locator("button[type=submit]").click()
    body = page.locator("textarea[name=body]").input_value() or page.evaluate(
        "document.querySelector('textarea[name=body]').value"
    )
    assert (
        f'data-file="{photo.pk}"' in page.locator(".ProseMirror").first.inner_html()
        or f'data-file="{photo.pk}"' in body
    )
