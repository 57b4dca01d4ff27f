"""Search (/recherche/): what readers find, what they never find, and bad queries.

The first tests run on both databases (full-text on PostgreSQL, icontains on
SQLite); the ``postgres`` ones check what only the French full-text search does.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsroom.chrome import site_chrome
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

URL = "/recherche/"


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Create articles and run what happens after commit (the search-vector refresh)."""

    def make(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return ArticleFactory(**kwargs)

    return make


def titles(response):
    page = response.context["page"]
    return [article.title for article in page.object_list] if page else []


def test_url_is_named():
    assert reverse("site:search") == URL


def test_finds_a_published_article_by_a_word_of_its_title(client, publish):
    publish(title="La patinoire rouvre ses portes")
    publish(title="Le marché de Noël s'installe")
    response = client.get(URL, {"q": "patinoire"})
    assert response.status_code == 200
    assert titles(response) == ["La patinoire rouvre ses portes"]


def test_finds_words_of_the_standfirst_and_of_the_body(client, publish):
    publish(title="Premier", standfirst="Le téléphérique reprend du service.")
    publish(title="Second", body="<p>La navette fluviale est <strong>suspendue</strong>.</p>")
    assert titles(client.get(URL, {"q": "téléphérique"})) == ["Premier"]
    assert titles(client.get(URL, {"q": "navette suspendue"})) == ["Second"]


def test_every_word_must_match(client, publish):
    publish(title="La patinoire rouvre")
    assert titles(client.get(URL, {"q": "patinoire piscine"})) == []


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT, "publish_at": None},
        {"status": Article.Status.REVIEW, "publish_at": None},
        {"status": Article.Status.PUBLISHED, "publish_at": "future"},
        {"status": Article.Status.UNPUBLISHED},
    ],
    ids=["draft", "in-review", "scheduled", "unpublished"],
)
def test_articles_readers_may_not_see_are_never_found(client, publish, state):
    if state.get("publish_at") == "future":
        state = {**state, "publish_at": timezone.now() + timedelta(hours=2)}
    publish(title="La patinoire rouvre enfin", **state)
    publish(title="La patinoire ferme")
    assert titles(client.get(URL, {"q": "patinoire"})) == ["La patinoire ferme"]


def test_empty_query_shows_the_form_without_results(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["page"] is None
    content = response.content.decode()
    assert 'name="q"' in content
    assert "Rechercher un article" in content


def test_no_result_says_so_in_french(client, publish):
    publish(title="La patinoire rouvre")
    response = client.get(URL, {"q": "hippopotame"})
    assert response.status_code == 200
    assert "Aucun article ne correspond à «\u202fhippopotame\u202f»" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "&",
        "& | ! :*",
        "!!!",
        "'",
        '"',
        '"conseil',
        "-",
        "or or or",
        "( ) < > <-> <2>",
        "patinoire:*",
        "'; DROP TABLE articles_article; --",
        "1 OR 1=1",
        "%",
        "_",
        "\\",
        "ééé ààà",
        "le la les",
        "x" * 200,
        " ".join(["patinoire"] * 20),  # 199 characters, MAX_WORDS applies
    ],
)
def test_odd_queries_get_a_page_never_an_error(client, publish, query):
    publish(title="La patinoire rouvre")
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert Article.objects.count() == 1


def test_punctuation_only_asks_for_a_word(client):
    response = client.get(URL, {"q": "& | ! :*"})
    assert response.status_code == 200
    assert "Saisissez au moins un mot" in response.content.decode()


def test_too_long_query_is_refused_with_a_french_message(client):
    response = client.get(URL, {"q": "patinoire " * 1000})
    assert response.status_code == 400
    assert "Votre recherche est trop longue\u202f: 200 caractères au plus" in response.content.decode()


def test_null_byte_is_refused_with_a_french_message(client):
    response = client.get(URL, {"q": "pati\x00noire"})
    assert response.status_code == 400
    assert "caractères invalides" in response.content.decode()


def test_several_q_parameters_and_a_bad_page_number_are_harmless(client, publish):
    publish(title="La patinoire rouvre")
    response = client.get(URL + "?q=patinoire&q=piscine&page=abc")
    assert response.status_code == 200
    response = client.get(URL, {"q": "patinoire", "page": "99999"})
    assert response.status_code == 200
    assert titles(response) == ["La patinoire rouvre"]


def test_highlight_marks_the_word_and_escapes_the_text(client, publish):
    publish(title="<b>Patinoire</b> & piscine", body="<p>La patinoire &lt;script&gt; rouvre.</p>")
    content = client.get(URL, {"q": "patinoire"}).content.decode()
    assert "&lt;b&gt;<mark>Patinoire</mark>&lt;/b&gt; &amp; piscine" in content
    assert "<mark>patinoire</mark>" in content
    assert "<b>" not in content
    assert "<script>" not in content


def test_the_query_is_escaped_wherever_it_is_shown(client, publish):
    publish(title="La patinoire rouvre")
    content = client.get(URL, {"q": "patinoire <script>alert(1)</script>"}).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_results_are_paginated_and_links_keep_the_query(client, publish):
    for number in range(23):
        publish(title=f"Patinoire, épisode {number}", slug=f"patinoire-{number}")
    first = client.get(URL, {"q": "patinoire"})
    assert len(titles(first)) == 20
    assert 'rel="next" href="?q=patinoire&amp;page=2"' in first.content.decode()
    second = client.get(URL, {"q": "patinoire", "page": 2})
    assert len(titles(second)) == 3
    assert not set(titles(first)) & set(titles(second))


def test_query_count_does_not_grow_with_the_results(client, publish, django_assert_max_num_queries):
    for number in range(15):
        publish(title=f"Patinoire, épisode {number}", slug=f"patinoire-{number}")
    site_chrome()  # the menu and alert are built once for every page, then cached
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "patinoire"})
    assert len(titles(response)) == 15


def test_page_title_and_robots_meta(client, publish):
    publish(title="La patinoire rouvre")
    content = client.get(URL, {"q": "patinoire"}).content.decode()
    assert "<title>Recherche\u202f: «\u202fpatinoire\u202f»" in content
    assert '<meta name="robots" content="noindex, follow">' in content


# PostgreSQL: French full-text search.


def test_postgresql_full_text_ignores_accents_and_case(client, publish, postgres):
    publish(title="Une nouvelle école ouvre à Échirolles")
    for query in ("ecole", "ÉCOLE", "echirolles", "Échirolles"):
        assert titles(client.get(URL, {"q": query})) == ["Une nouvelle école ouvre à Échirolles"], query


def test_singular_finds_plural_and_back(client, publish, postgres):
    publish(title="Les élections municipales approchent")
    publish(title="Un cheval au galop")
    assert titles(client.get(URL, {"q": "élection municipale"})) == ["Les élections municipales approchent"]
    assert titles(client.get(URL, {"q": "chevaux"})) == ["Un cheval au galop"]


def test_title_outranks_standfirst_which_outranks_body(client, publish, postgres):
    now = timezone.now()
    publish(title="Dans le texte", body="<p>Le tramway passera par ici.</p>", publish_at=now - timedelta(minutes=1))
    publish(title="Dans le chapô", standfirst="Le tramway arrive.", publish_at=now - timedelta(minutes=2))
    publish(title="Le tramway arrive au centre", publish_at=now - timedelta(days=30))
    assert titles(client.get(URL, {"q": "tramway"})) == [
        "Le tramway arrive au centre",
        "Dans le chapô",
        "Dans le texte",
    ]


def test_web_search_syntax_is_understood(client, publish, postgres):
    publish(title="Le tramway arrive", standfirst="Le chantier du tramway débute.")
    publish(title="Le tramway est en panne")
    assert titles(client.get(URL, {"q": "tramway -panne"})) == ["Le tramway arrive"]
    assert titles(client.get(URL, {"q": '"tramway est en panne"'})) == ["Le tramway est en panne"]
    assert len(titles(client.get(URL, {"q": "panne or chantier"}))) == 2


def test_excerpt_highlights_a_stemmed_match_in_the_body(client, publish, postgres):
    publish(title="Transports", body="<p>Les écoles seront <em>desservies</em> par deux lignes.</p>")
    content = client.get(URL, {"q": "ecole"}).content.decode()
    assert "<mark>écoles</mark>" in content
    assert "<em>" not in content


def test_markup_of_the_body_is_not_searched(client, publish, postgres):
    publish(title="Lien", body='<p><a href="https://example.org/strong">un lien</a></p>')
    assert titles(client.get(URL, {"q": "href"})) == []


def test_vector_follows_the_text_after_commit(client, publish, postgres, django_capture_on_commit_callbacks):
    article = publish(title="La patinoire rouvre")
    article.title = "La piscine rouvre"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.save()
    # Not yet committed: the stored vector still holds the old title.
    assert titles(client.get(URL, {"q": "piscine"})) == []
    for callback in callbacks:
        callback()
    assert titles(client.get(URL, {"q": "piscine"})) == ["La piscine rouvre"]
    assert titles(client.get(URL, {"q": "patinoire"})) == []


def test_saving_other_fields_only_does_not_refresh(publish, postgres, django_capture_on_commit_callbacks):
    article = publish(title="La patinoire rouvre")
    with django_capture_on_commit_callbacks() as callbacks:
        article.save(update_fields=["reactions_enabled"])
    assert not [c for c in callbacks if getattr(c, "__module__", "") == "articles.search"]


def test_migration_installed_the_configuration_and_the_index(postgres):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('french_unaccent', 'Écoles élèves')::text")
        assert cursor.fetchone()[0] == "'ecol':1 'elev':2"
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_vector_gin'")
        assert "gin (search_vector)" in cursor.fetchone()[0]


@pytest.mark.parametrize("query", ["ecole egreve", "ÉCOLE Égrève", "École"])
def test_accents_and_case_do_not_matter(client, publish, query):
    """As a reader types: without accents or capitals (unaccent on PostgreSQL, a folding
    function on SQLite), and the words found are marked in the text as written."""
    publish(title="L’École de Saint-Égrève rouvre ses portes", standfirst="Une école neuve pour la rentrée.")
    publish(title="Le marché de Voiron déménage")
    response = client.get(URL, {"q": query})
    assert titles(response) == ["L’École de Saint-Égrève rouvre ses portes"]
    assert "<mark>École</mark>" in response.content.decode()
