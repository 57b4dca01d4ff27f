"""Rich bodies: library photos, galleries, tables and embeds that wait for the reader's click."""

import pytest
from django.urls import reverse

from articles.body import render_body
from articles.embeds import EMBED_FRAME_HOSTS, embed_for_url
from articles.sanitize import sanitize_html
from tests.articles.test_views import photo_with_renditions
from tests.factories import ArticleFactory, PhotoFactory, editor, journalist, moderator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "provider", "src"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ?t=42", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/abcdefGHIJ1", "youtube", "https://www.youtube-nocookie.com/embed/abcdefGHIJ1"),
        ("https://www.dailymotion.com/video/x8abcd1", "dailymotion", "https://www.dailymotion.com/embed/video/x8abcd1"),
        ("https://dai.ly/x8abcd1", "dailymotion", "https://www.dailymotion.com/embed/video/x8abcd1"),
        ("https://vimeo.com/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://x.com/PrefetIsere/status/1864000000000000000",
            "x",
            "https://platform.twitter.com/embed/Tweet.html?id=1864000000000000000",
        ),
        (
            "https://twitter.com/PrefetIsere/status/1864000000000000000",
            "x",
            "https://platform.twitter.com/embed/Tweet.html?id=1864000000000000000",
        ),
        ("https://www.instagram.com/p/C0abcDEF123/", "instagram", "https://www.instagram.com/p/C0abcDEF123/embed/"),
        (
            "https://www.facebook.com/VilledeGrenoble/posts/pfbid0abc",
            "facebook",
            "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2FVilledeGrenoble%2Fposts%2Fpfbid0abc",
        ),
        (
            "https://www.openstreetmap.org/#map=15/45.18800/5.72400",
            "openstreetmap",
            "https://www.openstreetmap.org/export/embed.html?bbox=",
        ),
    ],
)
def test_known_providers_are_recognised(url, provider, src):
    embed = embed_for_url(url)
    assert embed.provider == provider
    assert embed.src.startswith(src)
    assert any(embed.src.startswith(host + "/") for host in EMBED_FRAME_HOSTS)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/video/123",
        "https://www.youtube.com/channel/UCabc",
        "javascript:alert(1)",
        "https://evil.example/www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.openstreetmap.org/#map=15/145.0/5.7",
    ],
)
def test_other_addresses_are_not_embeds(url):
    assert embed_for_url(url) is None


def test_a_pasted_address_alone_in_its_paragraph_becomes_a_placeholder_without_a_frame():
    for body in (
        "<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>",
        '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>',
    ):
        html = render_body(sanitize_html(body))
        assert "data-embed" in html and "<iframe" not in html
        assert "La vidéo YouTube" in html
        assert "pourra déposer des cookies et connaître votre adresse IP" in html
        assert '<button class="embed__load" type="button">Charger la vidéo</button>' in html
        assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html


def test_a_link_inside_a_sentence_stays_a_link():
    body = '<p>Voir <a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">la vidéo du maire</a> hier.</p>'
    assert render_body(sanitize_html(body)) == sanitize_html(body)


def test_a_pasted_iframe_or_script_never_survives():
    body = (
        '<p>Avant</p><iframe src="https://www.youtube.com/embed/x"></iframe>'
        '<script>alert(1)</script><p onclick="x()">Après</p><img src="https://tracker.example/pixel.gif">'
    )
    html = render_body(sanitize_html(body))
    assert "<iframe" not in html and "<script" not in html and "onclick" not in html
    assert "tracker.example" not in html
    assert "<p>Avant</p>" in html and "<p>Après</p>" in html


def test_a_library_photo_gets_its_renditions_caption_and_credit():
    photo = photo_with_renditions()
    body = sanitize_html(
        f'<figure class="figure"><img src="/media/x.jpg" data-file="{photo.pk}" alt="">'
        "<figcaption>Le pont au petit matin</figcaption></figure>"
    )
    html = render_body(body)
    assert '<figure class="body-photo">' in html and "<picture>" in html
    assert f"renditions/p{photo.pk}-800.webp 800w" in html
    assert f'alt="{photo.alt_text}"'.replace("'", "&#x27;") in html
    assert "Le pont au petit matin" in html and "(D.R.)" in html


def test_a_figure_whose_photo_is_gone_is_dropped():
    html = render_body(sanitize_html('<p>Texte</p><figure><img src="/media/x.jpg" data-file="999999" alt=""></figure>'))
    assert html == "<p>Texte</p>"


def test_photos_in_a_row_make_a_gallery():
    photos = [photo_with_renditions() for _ in range(3)]
    body = sanitize_html("".join(f'<figure><img src="/m.jpg" data-file="{p.pk}" alt=""></figure>' for p in photos))
    html = render_body("<p>Avant</p>" + body + "<p>Après</p>")
    assert '<div class="gallery" role="group" tabindex="0" aria-label="Galerie de 3 photos">' in html
    assert html.index("<p>Avant</p>") < html.index("gallery") < html.index("<p>Après</p>")


def test_a_table_scrolls_on_phones_and_keeps_its_cells():
    body = sanitize_html(
        '<table><tbody><tr><th colspan="2">Commune</th></tr><tr><td>Voiron</td><td rowspan="x">12</td></tr></tbody></table>'
    )
    html = render_body(body)
    assert html.startswith('<div class="table-scroll" tabindex="0" role="region" aria-label="Tableau"><table>')
    assert '<th colspan="2">Commune</th>' in html and "<td>12</td>" in html


def test_the_article_page_shows_the_rich_body_and_the_csp_allows_exactly_the_embeds(client):
    photo = photo_with_renditions()
    article = ArticleFactory(
        body=f'<p>Intro</p><figure><img src="/m.jpg" data-file="{photo.pk}" alt=""></figure>'
        "<p>https://vimeo.com/76979871</p>"
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert '<figure class="body-photo">' in html and "La vidéo Vimeo" in html and "<iframe" not in html
    csp = response["Content-Security-Policy"]
    frame_src = next(part.strip() for part in csp.split(";") if part.strip().startswith("frame-src"))
    assert frame_src.split()[1:] == list(EMBED_FRAME_HOSTS)


def test_the_editor_offers_photos_and_tables():
    from articles.models import Article

    widget = Article._meta.get_field("body").formfield().widget
    config = widget.get_config()
    assert {"Figure", "Table"} <= set(config["extensions"])
    assert str(config["extensions"]["Figure"]["pickerUrl"]) == reverse("photo-picker")


@pytest.mark.parametrize(("make_user", "status"), [(editor, 200), (journalist, 200), (moderator, 403)])
def test_the_photo_picker_lists_the_library_for_those_who_write(client, make_user, status):
    PhotoFactory(caption="Le lac du Bourget sous la neige")
    client.force_login(make_user())
    response = client.get(reverse("photo-picker"), {"CKEditorFuncNum": "3", "q": "bourget"})
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Le lac du Bourget sous la neige" in html and 'data-func-num="3"' in html


def test_the_photo_picker_is_for_staff_only(client):
    response = client.get(reverse("photo-picker"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
