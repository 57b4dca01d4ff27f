"""The article page and the section, author and tag pages, as readers get them."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, UpdateNote
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BoxFactory,
    PhotoFactory,
    RegionFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NNBSP = "\u202f"


def photo_with_renditions():
    photo = PhotoFactory()
    photo.renditions = {
        str(width): {
            "webp": f"renditions/p{photo.pk}-{width}.webp",
            "jpeg": f"renditions/p{photo.pk}-{width}.jpg",
            "height": width * 10 // 16,
        }
        for width in (480, 800, 1200)
    }
    photo.save()
    return photo


def rich_article(n_authors=2, n_tags=2, n_boxes=2, n_related=2, n_notes=1, **kwargs):
    """An article with everything the reference page shows, in adjustable numbers."""
    region = RegionFactory(name="Isère", slug="isere")
    section = SectionFactory(name="Actualités", slug="actualites", parent=region)
    authors = [AuthorFactory() for _ in range(n_authors)]
    tags = [f"mot-cle-{i}" for i in range(n_tags)]
    defaults = dict(
        title="Le tram E prolongé jusqu'à Pont-de-Claix : enfin !",
        slug="le-tram-e-prolonge",
        standfirst="Les travaux commencent lundi ; ils dureront deux ans.",
        body="<h2>Un chantier attendu</h2><p>« C'est un grand jour », dit le maire. "
        '<a href="https://example.org/plan?x=1:2">Le plan</a></p>',
        category=section,
        lead_photo=photo_with_renditions(),
        authors=authors,
        tags=tags,
    )
    defaults.update(kwargs)
    article = ArticleFactory(**defaults)
    for i in range(n_boxes):
        BoxFactory(article=article, heading=f"Le tram E, c'est quoi ? ({i})", body="Une ligne.\n\nDeux paragraphes.")
    for i in range(n_related):
        article.related.add(
            ArticleFactory(
                category=section, title=f"Choisi à la main {i}", lead_photo=PhotoFactory() if i == 0 else None
            )
        )
    for i in range(n_notes):
        UpdateNote.objects.create(
            article=article, kind=UpdateNote.Kind.CORRECTION, text=f"Le coût annoncé était erroné ({i})."
        )
    return article


def json_ld_blocks(html):
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


# The article page ---------------------------------------------------------------------


def test_article_page_shows_every_part_of_the_reference_page(client):
    article = rich_article()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Le tram E prolongé jusqu'à Pont-de-Claix" in html
    # Dateline: region, French date, bylines, section, breadcrumb, read counter.
    assert 'class="dateline__region">Isère<' in html
    local = timezone.localtime(article.publish_at)
    assert f"le {'1er' if local.day == 1 else local.day} " in html
    for author in article.authors.all():
        assert f'<a rel="author" href="{author.get_absolute_url()}">{author.name}</a>' in html
    assert 'href="/isere/actualites/">Actualités</a>' in html
    assert '<nav class="breadcrumb" aria-label="Fil d\'Ariane">' in html
    assert "article lu 0 fois" in html
    # Photo, caption and credit, responsive sources.
    assert "<figure" in html and "<figcaption>" in html
    assert "Le pont de la Porte-de-France au lever du jour" in html and "(D.R.)" in html
    assert 'type="image/webp"' in html and "1200w" in html
    assert 'width="1200" height="750"' in html
    assert 'fetchpriority="high"' in html  # the lead photo is above the fold: never lazy
    # Standfirst, body, signature, boxes, notes, tags, related, reactions region.
    assert 'class="article__standfirst">Les travaux commencent lundi' in html
    assert "<h2>Un chantier attendu</h2>" in html
    assert 'class="article__signature"' in html
    assert html.count('<aside class="box"') == 2
    assert "Le tram E, c" in html and "quoi" in html
    assert "Mis à jour" in html and "Le coût annoncé était erroné (0)." in html
    assert 'href="/mots-cles/mot-cle-0/"' in html
    assert "À lire également" in html and "Choisi à la main 0" in html
    assert 'id="reagir"' in html
    assert response["X-Article-Id"] == str(article.pk)


def test_article_page_applies_french_typography_without_touching_links(client):
    article = rich_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"Pont-de-Claix{NNBSP}: enfin{NNBSP}!" in html
    assert f"lundi{NNBSP}; ils" in html
    assert f"«{NNBSP}C&#x27;est un grand jour{NNBSP}»" in html or f"«{NNBSP}C'est un grand jour{NNBSP}»" in html
    assert 'href="https://example.org/plan?x=1:2"' in html


def test_article_json_ld_parses_and_has_the_news_article_fields(client):
    article = rich_article()
    html = client.get(article.get_absolute_url()).content.decode()
    blocks = {block["@type"]: block for block in json_ld_blocks(html)}
    news = blocks["NewsArticle"]
    assert news["headline"] == article.title
    assert news["image"][0].endswith(".jpg")
    assert news["datePublished"] and news["dateModified"] >= news["datePublished"]
    assert {a["name"] for a in news["author"]} == {a.name for a in article.authors.all()}
    assert news["publisher"]["name"]
    assert news["articleSection"] == ["Isère", "Actualités"]
    crumbs = blocks["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Accueil", "Isère", "Actualités"]


def test_json_ld_cannot_be_closed_by_a_headline(client):
    article = rich_article(title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    headlines = [b.get("headline") for b in json_ld_blocks(html)]
    assert "</script><script>alert(1)</script>" in headlines


def test_article_page_has_meta_canonical_open_graph_and_twitter(client):
    article = rich_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<link rel="canonical" href="http://testserver/isere/actualites/le-tram-e-prolonge.html">' in html
    assert '<meta name="description" content="Les travaux commencent lundi' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image" content="http://testserver/media/renditions/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_related_is_handpicked_first_then_shared_tags_then_section(client):
    section = SectionFactory()
    other_section = SectionFactory()
    article = ArticleFactory(category=section, tags=["tram", "travaux"])
    picked = ArticleFactory(category=other_section, title="Choisi", publish_at=timezone.now() - timedelta(days=30))
    article.related.add(picked)
    two_tags = ArticleFactory(
        category=other_section,
        title="Deux mots-clés",
        tags=["tram", "travaux"],
        publish_at=timezone.now() - timedelta(days=20),
    )
    one_tag = ArticleFactory(category=other_section, title="Un mot-clé", tags=["tram"])
    same_section = ArticleFactory(category=section, title="Même rubrique")
    ArticleFactory(category=section, title="Trop loin", publish_at=timezone.now() - timedelta(days=40))
    ArticleFactory(category=other_section, title="Sans rapport")
    html = client.get(article.get_absolute_url()).content.decode()
    related = html.split("À lire également")[1]
    positions = [related.index(a.title) for a in (picked, two_tags, one_tag, same_section)]
    assert positions == sorted(positions)
    assert "Trop loin" not in related and "Sans rapport" not in related


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT},
        {"publish_at": timezone.now() + timedelta(days=1)},
        {"status": Article.Status.UNPUBLISHED},
    ],
    ids=["draft", "scheduled", "unpublished"],
)
def test_non_public_articles_are_absent_from_related_block(client, state):
    article = ArticleFactory(tags=["tram"])
    hidden = ArticleFactory(category=article.category, title="Pas encore public", tags=["tram"], **state)
    article.related.add(hidden)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Pas encore public" not in html


def test_article_is_never_its_own_related(client):
    article = ArticleFactory(tags=["tram"])
    article.related.add(article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "À lire également" not in html


def test_article_page_query_count_does_not_grow_with_its_parts(client, django_assert_max_num_queries):
    small = rich_article(n_authors=1, n_tags=1, n_boxes=1, n_related=1, n_notes=1)
    big = rich_article(
        n_authors=6, n_tags=8, n_boxes=5, n_related=6, n_notes=4, slug="un-autre", title="Un autre article"
    )
    client.get(small.get_absolute_url())  # warms the content-type cache like a running site
    with django_assert_max_num_queries(10):
        assert client.get(small.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(big.get_absolute_url()).status_code == 200


def test_staff_preview_of_draft_shows_banner_and_is_never_cached(client):
    article = ArticleFactory(status=Article.Status.DRAFT)
    client.force_login(UserFactory(is_staff=True))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Aperçu" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "X-Article-Id" not in response


def test_public_article_has_no_preview_banner(client):
    article = ArticleFactory()
    client.force_login(UserFactory(is_staff=True))
    assert "Aperçu" not in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT},
        {"publish_at": timezone.now() + timedelta(hours=2)},
        {"status": Article.Status.UNPUBLISHED},
    ],
    ids=["draft", "scheduled", "unpublished"],
)
def test_anonymous_reader_gets_404_on_non_public_article(client, state):
    article = ArticleFactory(**state)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "Cette page est introuvable" in response.content.decode()


def test_lazy_loading_only_below_the_fold(client):
    article = rich_article()
    html = client.get(article.get_absolute_url()).content.decode()
    lead = html.split('<figure class="article__photo">')[1].split("</figure>")[0]
    assert 'loading="lazy"' not in lead
    related = html.split("À lire également")[1]
    assert 'loading="lazy"' in related


# Section, author and tag pages -------------------------------------------------------


def _hidden_articles(**kwargs):
    return [
        ArticleFactory(title="Brouillon caché", status=Article.Status.DRAFT, **kwargs),
        ArticleFactory(title="Programmé caché", publish_at=timezone.now() + timedelta(days=1), **kwargs),
        ArticleFactory(title="Dépublié caché", status=Article.Status.UNPUBLISHED, **kwargs),
    ]


def _assert_only_public(html):
    assert "Public visible" in html
    for title in ("Brouillon caché", "Programmé caché", "Dépublié caché"):
        assert title not in html


def test_section_page_lists_only_public_articles(client):
    section = SectionFactory()
    ArticleFactory(title="Public visible", category=section)
    _hidden_articles(category=section)
    _assert_only_public(client.get(section.get_absolute_url()).content.decode())


def test_region_page_lists_its_sections_articles(client):
    section = SectionFactory()
    ArticleFactory(title="Public visible", category=section)
    _hidden_articles(category=section)
    html = client.get(section.parent.get_absolute_url()).content.decode()
    _assert_only_public(html)
    assert f'href="{section.get_absolute_url()}"' in html


def test_author_page_lists_only_public_articles(client):
    author = AuthorFactory()
    ArticleFactory(title="Public visible", authors=[author])
    for article in _hidden_articles():
        article.article_authors.create(author=author)
    _assert_only_public(client.get(author.get_absolute_url()).content.decode())


def test_tag_page_lists_only_public_articles(client):
    ArticleFactory(title="Public visible", tags=["montagne"])
    for article in _hidden_articles():
        article.tags.add("montagne")
    _assert_only_public(client.get("/mots-cles/montagne/").content.decode())


def test_tag_used_only_by_drafts_is_not_found(client):
    ArticleFactory(status=Article.Status.DRAFT, tags=["secret"])
    assert client.get("/mots-cles/secret/").status_code == 404


def test_section_page_is_paginated_newest_first_with_rel_links(client):
    section = SectionFactory()
    now = timezone.now()
    for i in range(25):
        ArticleFactory(category=section, title=f"Numéro {i:02d}", publish_at=now - timedelta(hours=i + 1))
    html = client.get(section.get_absolute_url()).content.decode()
    listing = html.split('class="layout-aside"')[0]  # not the "Les plus lus" sidebar
    assert listing.index("Numéro 00") < listing.index("Numéro 01")
    assert "Numéro 24" not in html
    assert f'<link rel="next" href="{section.get_absolute_url()}?page=2">' in html
    page2 = client.get(section.get_absolute_url() + "?page=2").content.decode()
    listing2 = page2.split('class="layout-aside"')[0]
    assert "Numéro 24" in listing2 and "Numéro 00" not in listing2
    assert f'<link rel="prev" href="{section.get_absolute_url()}">' in page2
    assert f'<link rel="canonical" href="http://testserver{section.get_absolute_url()}?page=2">' in page2


def test_absurd_page_number_is_not_an_error(client):
    section = SectionFactory()
    ArticleFactory(category=section)
    assert client.get(section.get_absolute_url() + "?page=zzz").status_code == 200
    assert client.get(section.get_absolute_url() + "?page=99999").status_code == 200


def test_section_page_query_count_is_bounded(client, django_assert_max_num_queries):
    region = RegionFactory()
    sections = [SectionFactory(parent=region) for _ in range(3)]
    authors = [AuthorFactory() for _ in range(4)]
    for i in range(12):
        ArticleFactory(
            category=sections[i % 3],
            authors=authors[: 1 + i % 4],
            tags=[f"t{i}", "commun"],
            lead_photo=photo_with_renditions() if i % 2 else None,
        )
    for category in (region, sections[0]):
        with django_assert_max_num_queries(8):
            assert client.get(category.get_absolute_url()).status_code == 200


def test_unknown_category_is_404_in_french(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "introuvable" in response.content.decode()


def test_bare_article_in_a_region_renders_without_optional_parts(client):
    region = RegionFactory(name="Savoie", slug="savoie")
    article = ArticleFactory(category=region, standfirst="", body="<p>Court.</p>", lead_photo=None)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<figure" not in html and "article__standfirst" not in html and "article__signature" not in html
    assert "Mis à jour" not in html and "À lire également" not in html
    news = next(b for b in json_ld_blocks(html) if b["@type"] == "NewsArticle")
    assert news["articleSection"] == ["Savoie"] and news["author"][0]["@type"] == "Organization"


def test_scheduled_article_preview_says_when_it_goes_public(client):
    article = ArticleFactory(publish_at=timezone.now() + timedelta(days=2))
    client.force_login(UserFactory(is_staff=True))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Aperçu" in html and "publication prévue le" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_public_article_declares_its_cache_tags_and_a_preview_none(client):
    article = rich_article()
    response = client.get(article.get_absolute_url())
    related = article.related.first()
    assert {f"article:{article.pk}", f"article:{related.pk}", "tag:mot-cle-0", "ads"} <= response.cache_tags
    draft = ArticleFactory(status=Article.Status.DRAFT)
    client.force_login(UserFactory(is_staff=True))
    assert not getattr(client.get(draft.get_absolute_url()), "cache_tags", None)
