"""SEO and social titles, one date of modification, French typography in <title> and shares."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import UpdateNote
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def head(html):
    return html.split("</head>")[0]


def meta(html, attribute, name):
    return re.search(rf'<meta {attribute}="{name}" content="([^"]*)">', head(html)).group(1)


def jsonld(html):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == "NewsArticle":
            return data
    raise AssertionError("no NewsArticle")


def test_without_special_titles_every_title_is_the_articles_in_french_typography(client):
    article = ArticleFactory(title="Grenoble : le tram E arrive enfin !")
    html = client.get(article.get_absolute_url()).content.decode()
    typeset = "Grenoble\u202f: le tram E arrive enfin\u202f!"
    assert re.search(r"<title>(.*?)</title>", html).group(1) == f"{typeset} — Le Courrier des Alpes"
    # Shares carry the site's name apart (og:site_name).
    assert meta(html, "property", "og:title") == typeset
    assert meta(html, "name", "twitter:title") == typeset
    assert jsonld(html)["headline"] == "Grenoble : le tram E arrive enfin !"


def test_the_seo_title_goes_to_the_browser_tab_and_json_ld_the_social_title_to_shares(client):
    article = ArticleFactory(
        title="Le conseil municipal a voté le budget",
        seo_title="Budget 2027 de Grenoble : ce qui change",
        social_title="Impôts, tram, écoles : ce que le budget change pour vous ?",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        re.search(r"<title>(.*?)</title>", html).group(1)
        == "Budget 2027 de Grenoble\u202f: ce qui change — Le Courrier des Alpes"
    )
    assert jsonld(html)["headline"] == "Budget 2027 de Grenoble : ce qui change"
    shared = "Impôts, tram, écoles\u202f: ce que le budget change pour vous\u202f?"
    assert meta(html, "property", "og:title") == shared
    assert meta(html, "name", "twitter:title") == shared
    assert '<h1 class="article__title">Le conseil municipal a voté le budget</h1>' in html


def test_a_social_title_alone_falls_back_to_the_seo_title_for_shares(client):
    article = ArticleFactory(title="Titre", seo_title="Titre pour Google")
    html = client.get(article.get_absolute_url()).content.decode()
    assert meta(html, "property", "og:title") == "Titre pour Google"


def test_date_modified_is_the_date_the_page_shows(client):
    published = timezone.now() - timedelta(days=3)
    article = ArticleFactory(publish_at=published, first_published_at=published)
    html = client.get(article.get_absolute_url()).content.decode()
    # A silent save (a typo fixed, a tag added) changes no date readers see.
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert jsonld(html)["dateModified"] == jsonld(html)["datePublished"]
    assert "Mis à jour" not in html
    note = UpdateNote.objects.create(
        article=article, text="Le bilan a été revu.", created_at=published + timedelta(days=1)
    )
    html = client.get(article.get_absolute_url()).content.decode()
    shown = re.search(r'Mis à jour <time datetime="([^"]+)">', html).group(1)
    assert jsonld(html)["dateModified"] == shown == timezone.localtime(note.created_at).isoformat(timespec="seconds")
    assert meta(html, "property", "article:modified_time") == shown


def test_correction_notes_are_typeset(client):
    article = ArticleFactory()
    UpdateNote.objects.create(article=article, kind="correction", text="Le maire s'appelle Dupont, pas Durand !")
    html = client.get(article.get_absolute_url()).content.decode()
    notes = html.split('class="notes"')[1].split("</section>")[0]
    assert "</time>\u202f: Le maire s" in notes or "</time>&#8239;: Le maire s" in notes
    assert "Durand\u202f!" in notes
