"""What every page shows around its content: masthead, menu, alerte info, footer pages."""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.models import BreakingNews, SitePage
from newsroom.templatetags.site import de
from tests.articles.test_views import rich_article
from tests.browser.pages import public_pages
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return rich_article()


def menu(html):
    return html.split('<nav class="menu" aria-label="Rubriques"')[1].split("</nav>")[0]


def test_every_page_has_the_menu_of_regions_and_sections(client, article):
    other = SectionFactory(name="Montagne", slug="montagne")
    for name, url in public_pages(article).items():
        html = client.get(url).content.decode()
        nav = menu(html)
        for category in (article.category, article.category.parent, other, other.parent):
            assert f'href="{category.get_absolute_url()}"' in nav, (name, category)


def test_a_new_section_enters_the_menu_of_cached_pages_at_once(client, article):
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    section = SectionFactory(name="Patrimoine", slug="patrimoine", parent=article.category.parent)
    html = client.get(url).content.decode()
    assert f'href="{section.get_absolute_url()}"' in menu(html)


def test_masthead_has_the_logo_and_todays_date_in_french(client, article, time_machine):
    time_machine.move_to(timezone.make_aware(datetime(2026, 12, 1, 9, 30)), tick=False)
    html = client.get("/").content.decode()
    assert re.search(r'<img src="[^"]*logo\.svg" alt="Le Courrier des Alpes, retour à la une"', html)
    assert "mardi 1er décembre 2026" in html


def test_a_cached_page_shows_the_new_date_after_midnight(client, db, time_machine):
    # The clock set before anything is saved: a save notes when pages next change (the
    # coming midnight among others), and a clock moved back past it would leave it later.
    time_machine.move_to(timezone.make_aware(datetime(2026, 12, 1, 23, 58)), tick=False)
    rich_article()
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    time_machine.shift(timedelta(minutes=3))
    assert "mercredi 2 décembre 2026" in client.get("/").content.decode()


def alert(**kwargs):
    now = timezone.now()
    values = {"text": "Éboulement sur la RN 90 : la route est coupée", "ends_at": now + timedelta(hours=2)}
    values.update(kwargs)
    return BreakingNews.objects.create(**values)


def test_an_alert_shows_on_every_page_with_its_link(client, article):
    pages = public_pages(article)
    alert(article=article, starts_at=timezone.now())  # the latest started alert is the one shown
    for name, url in pages.items():
        html = client.get(url).content.decode()
        banner = html.split('<aside class="breaking" aria-label="Alerte info">')[1].split("</aside>")[0]
        assert "Alerte info" in banner and "Éboulement sur la RN 90\u202f: la route est coupée" in banner, name
        assert f'href="{article.get_absolute_url()}"' in banner


@pytest.mark.parametrize(
    "dates",
    [
        {"starts_at": timezone.now() + timedelta(hours=1), "ends_at": timezone.now() + timedelta(hours=2)},
        {"starts_at": timezone.now() - timedelta(hours=2), "ends_at": timezone.now() - timedelta(hours=1)},
    ],
    ids=["not-started", "ended"],
)
def test_an_alert_outside_its_hours_is_not_shown(client, article, dates):
    alert(**dates)
    assert "Alerte info" not in client.get("/").content.decode()


def test_cached_pages_show_an_alert_when_it_is_set_and_drop_it_when_it_ends(client, article, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    alert(ends_at=timezone.now() + timedelta(minutes=10))
    assert "Éboulement" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    time_machine.shift(timedelta(minutes=10, seconds=2))
    assert "Éboulement" not in client.get(url).content.decode()


def test_a_scheduled_alert_appears_on_cached_pages_at_its_start(client, article, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    alert(starts_at=timezone.now() + timedelta(minutes=5), ends_at=timezone.now() + timedelta(hours=1))
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    time_machine.shift(timedelta(minutes=5, seconds=2))
    assert "Éboulement" in client.get("/").content.decode()


def test_an_alert_must_end_after_it_starts():
    from django.core.exceptions import ValidationError

    now = timezone.now()
    with pytest.raises(ValidationError):
        BreakingNews(text="Alerte", starts_at=now, ends_at=now - timedelta(minutes=1)).full_clean()


@pytest.fixture
def legal_pages():
    return [
        SitePage.objects.create(title=title, slug=slug, position=n, body=f"<p>{title} du journal.</p>")
        for n, (title, slug) in enumerate(
            [
                ("Mentions légales", "mentions-legales"),
                ("Contact", "contact"),
                ("Politique de confidentialité", "politique-de-confidentialite"),
            ]
        )
    ]


def test_the_footer_links_the_sites_pages(client, article, legal_pages):
    for name, url in public_pages(article).items():
        html = client.get(url).content.decode()
        footer = html.split('<footer class="site-footer">')[1]
        for page in legal_pages:
            assert f'<a href="/pages/{page.slug}/">{page.title}</a>' in footer, name


def test_a_site_page_shows_what_editors_wrote_and_nothing_unsafe(client, legal_pages):
    page = legal_pages[0]
    page.body = '<p>Directeur de la publication : Jeanne Martin</p><script>alert(1)</script><iframe src="x"></iframe>'
    page.save()
    response = client.get(reverse("site:page", kwargs={"slug": "mentions-legales"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Mentions légales" in html
    assert "Directeur de la publication\u202f: Jeanne Martin" in html
    assert "<script>alert" not in html and "<iframe" not in html


def test_an_unknown_site_page_is_a_404(client):
    assert client.get(reverse("site:page", kwargs={"slug": "nulle-part"})).status_code == 404


def test_an_edited_site_page_shows_at_once(client, legal_pages):
    url = reverse("site:page", kwargs={"slug": "contact"})
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    page = legal_pages[1]
    page.body = "<p>Écrivez-nous à redaction@example.org.</p>"
    page.save()
    assert "Écrivez-nous" in client.get(url).content.decode()


def test_the_meta_description_says_du_courrier_not_du_le_courrier(client):
    ArticleFactory()
    html = client.get("/").content.decode()
    assert "par la rédaction du Courrier des Alpes." in html
    assert "du Le " not in html


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Le Courrier des Alpes", "du Courrier des Alpes"),
        ("La Gazette", "de la Gazette"),
        ("Les Échos du Val", "des Échos du Val"),
        ("L'Écho", "de l'Écho"),
        ("Grenoble Matin", "de Grenoble Matin"),
    ],
)
def test_de_contracts_as_french_does(name, expected):
    assert de(name) == expected


def test_the_site_feed_says_du_courrier(client):
    ArticleFactory()
    assert "Les derniers articles du Courrier des Alpes." in client.get(reverse("site:rss")).content.decode()
