"""The "Réagir à cet article" region on the article page, the count tag and "Signaler"."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from comments.models import Reaction, ReactionReport
from comments.templatetags.reactions import french_datetime
from tests.comments.conftest import make_reaction
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def render_tag(source, article, request=None):
    request = request or RequestFactory().get("/")
    return Template("{% load reactions %}" + source).render(Context({"article": article, "request": request}))


def test_approved_reactions_oldest_first_with_name_and_date_never_email(client, article):
    first = make_reaction(article, name="Alice", email="alice@secret.example", message="Premier avis")
    Reaction.objects.filter(pk=first.pk).update(created_at=datetime(2026, 3, 1, 9, 5, tzinfo=ZoneInfo("Europe/Paris")))
    make_reaction(article, name="Bruno", email="bruno@secret.example", message="Second avis")
    make_reaction(article, name="Chloé", state=Reaction.State.PENDING, message="En attente")
    make_reaction(article, name="Denis", state=Reaction.State.REJECTED, message="Rejeté")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Réagir à cet article" in page
    assert page.index("Premier avis") < page.index("Second avis")
    assert "le 1er mars 2026 à 9\u00a0h\u00a005" in page
    assert "secret.example" not in page
    assert "En attente" not in page and "Rejeté" not in page
    assert "2\u00a0réactions" in page


def test_section_renders_form_with_csrf_and_script_without_inline_js(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert f'action="{reverse("comments:post", kwargs={"article_id": article.pk})}"' in page
    assert 'src="/static/js/reactions.js"' in page
    section = page[page.index("data-reactions-section") :]
    assert "<script>" not in section and "onclick" not in section
    honeypot = section[section.index('class="reactions-hp"') :]
    assert honeypot.startswith('class="reactions-hp" hidden>')
    assert 'name="website"' in honeypot[: honeypot.index("</div>")]
    assert 'name="token" value="' in section


@pytest.mark.parametrize(
    "payload",
    ['<script>alert("x")</script>', '<img src=x onerror="alert(1)">', '<a href="http://spam.example">promo</a>'],
)
def test_reader_text_is_escaped_on_the_article_page(client, article, payload):
    make_reaction(article, name=payload, message=f"Avant {payload} après")
    page = client.get(article.get_absolute_url()).content.decode()
    assert payload not in page
    assert "&lt;" in page
    assert "<img src=x" not in page and "<script>alert" not in page and 'href="http://spam.example"' not in page


def test_bound_form_with_payload_is_escaped(client, article):
    from tests.comments.conftest import form_data, post_url

    payload = '<img src=x onerror="alert(1)">'
    response = client.post(post_url(article), form_data(article, name=payload, message=payload, email="bad"))
    assert response.status_code == 400
    assert payload not in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_section_query_count_does_not_grow_with_reactions(article, count, django_assert_num_queries):
    for n in range(count):
        make_reaction(article, message=f"Avis {n}")
    article = ArticleFactory._meta.model.objects.get(pk=article.pk)
    with django_assert_num_queries(1):
        html = render_tag("{% reactions_section article %}", article)
    assert html.count('class="reaction"') == count


def test_article_page_query_count_does_not_grow_with_reactions(article):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def queries():
        cache.clear()  # measure the page as built, not as served by the page cache
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(article.get_absolute_url()).status_code == 200
        return len(captured)

    for n in range(3):
        make_reaction(article, message=f"Avis {n}", email=f"l{n}@example.org")
    Client().get(article.get_absolute_url())  # warm per-process caches
    with_three = queries()
    assert with_three > 1
    for n in range(3, 30):
        make_reaction(article, message=f"Avis {n}", email=f"l{n}@example.org")
    assert queries() <= with_three


@pytest.mark.parametrize(
    "approved,expected",
    [(0, ""), (1, "1\u00a0réaction"), (2, "2\u00a0réactions"), (12, "12\u00a0réactions")],
)
def test_reactions_count_french_plural(article, approved, expected):
    for n in range(approved):
        make_reaction(article, message=f"Avis {n}")
    make_reaction(article, state=Reaction.State.PENDING, message="pas compté")
    html = render_tag("{% reactions_count article %}", article)
    if expected:
        assert f">{expected}</a>" in html
        assert f'href="{article.get_absolute_url()}#reactions"' in html
    else:
        assert html == ""


def test_reactions_count_reads_the_article_counter_without_query(article, django_assert_num_queries):
    article.reactions_count = 4
    with django_assert_num_queries(0):
        assert "4\u00a0réactions" in render_tag("{% reactions_count article %}", article)


def test_french_datetime_in_paris_time():
    value = datetime(2026, 7, 14, 20, 30, tzinfo=ZoneInfo("UTC"))
    assert french_datetime(value) == "le 14 juillet 2026 à 22\u00a0h\u00a030"


# --- Signaler ------------------------------------------------------------------


def test_report_page_without_javascript(client, article):
    reaction = make_reaction(article, message="Texte à signaler")
    url = reverse("comments:report", kwargs={"pk": reaction.pk})
    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    for label in ("Insulte", "Spam", "Hors sujet", "Autre"):
        assert label in content
    response = client.post(url, {"reason": "hors_sujet"})
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}?signalement=merci#reactions"
    assert ReactionReport.objects.get().reason == "hors_sujet"
    assert "votre signalement a été transmis" in client.get(response["Location"]).content.decode()


def test_report_with_javascript(client, article):
    reaction = make_reaction(article)
    url = reverse("comments:report", kwargs={"pk": reaction.pk})
    response = client.post(url, {"reason": "spam"}, HTTP_ACCEPT="application/json")
    assert response.json()["ok"] is True


def test_report_without_reason_is_refused(client, article):
    reaction = make_reaction(article)
    url = reverse("comments:report", kwargs={"pk": reaction.pk})
    response = client.post(url, {"reason": "vulgaire"})
    assert response.status_code == 400
    assert "Merci de choisir un motif" in response.content.decode()
    empty = client.post(url, {})
    assert empty.status_code == 400
    assert "Merci de choisir un motif" in empty.content.decode()
    assert not ReactionReport.objects.exists()


def test_three_readers_reporting_hide_the_reaction(client, article, settings):
    settings.REACTIONS_REPORTS_THRESHOLD = 3
    reaction = make_reaction(article, message="Texte litigieux")
    url = reverse("comments:report", kwargs={"pk": reaction.pk})
    for n in range(3):
        client.post(url, {"reason": "insulte"}, REMOTE_ADDR=f"10.0.0.{n}")
    client.post(url, {"reason": "insulte"}, REMOTE_ADDR="10.0.0.0")  # a second report by the same reader
    assert ReactionReport.objects.count() == 3
    assert Reaction.objects.get(pk=reaction.pk).state == Reaction.State.PENDING
    assert "Texte litigieux" not in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("state", [Reaction.State.PENDING, Reaction.State.REJECTED, Reaction.State.REMOVED])
def test_only_visible_reactions_can_be_reported(client, article, state):
    reaction = make_reaction(article, state=state)
    url = reverse("comments:report", kwargs={"pk": reaction.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "spam"}).status_code == 404


# --- Reports counted by network (issue 11, item 7) ------------------------------


def _report(client, reaction, ip, agent="Mozilla/5.0", **extra):
    url = reverse("comments:report", kwargs={"pk": reaction.pk})
    return client.post(url, {"reason": "insulte"}, REMOTE_ADDR=ip, HTTP_USER_AGENT=agent, **extra)


def test_one_address_under_three_browsers_is_one_reporter(client, article, settings):
    settings.REACTIONS_REPORTS_THRESHOLD = 3
    reaction = make_reaction(article, message="Avis tranché mais correct")
    for agent in ("Firefox/140", "Chrome/139", "Safari/18"):
        assert _report(client, reaction, "198.51.100.7", agent).status_code == 302
    assert ReactionReport.objects.count() == 1
    assert Reaction.objects.get(pk=reaction.pk).state == Reaction.State.APPROVED
    assert "Avis tranché mais correct" in client.get(article.get_absolute_url()).content.decode()


def test_addresses_of_one_ipv6_network_are_one_reporter(client, article, settings):
    settings.REACTIONS_REPORTS_THRESHOLD = 3
    reaction = make_reaction(article)
    for host in ("1", "2", "abcd:1"):
        _report(client, reaction, f"2001:db8:0:42::{host}")
    assert ReactionReport.objects.count() == 1
    assert Reaction.objects.get(pk=reaction.pk).state == Reaction.State.APPROVED


def test_same_reporters_cannot_hide_a_reaction_again_after_approval(client, article, settings):
    from comments.moderation import reaction_approve
    from tests.factories import moderator

    settings.REACTIONS_REPORTS_THRESHOLD = 3
    reaction = make_reaction(article, message="Réaction défendue par la modération")
    for n in range(3):
        _report(client, reaction, f"203.0.113.{n}", "Firefox/140")
    assert Reaction.objects.get(pk=reaction.pk).state == Reaction.State.PENDING

    reaction_approve(reaction=Reaction.objects.get(pk=reaction.pk), user=moderator())
    # The same three networks, with new browsers: the reaction stays published.
    for n in range(3):
        _report(client, reaction, f"203.0.113.{n}", "Chrome/139")
    assert Reaction.objects.get(pk=reaction.pk).state == Reaction.State.APPROVED

    # Three readers who had not reported it yet still can.
    for n in range(3):
        _report(client, reaction, f"192.0.2.{n}")
    assert Reaction.objects.get(pk=reaction.pk).state == Reaction.State.PENDING


def test_reports_are_rate_limited_per_network(client, article, settings):
    settings.REACTIONS_REPORT_RATE_PER_NETWORK = 3
    settings.REACTIONS_REPORT_RATE_WINDOW = 3600
    reactions = [make_reaction(article) for _ in range(5)]
    for reaction in reactions[:3]:
        assert _report(client, reaction, "198.51.100.9").status_code == 302
    refused = _report(client, reactions[3], "198.51.100.9")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "beaucoup de signalements" in refused.content.decode()
    as_json = _report(client, reactions[4], "198.51.100.9", HTTP_ACCEPT="application/json")
    assert as_json.status_code == 429
    assert "beaucoup de signalements" in as_json.json()["errors"]["__all__"][0]
    assert ReactionReport.objects.count() == 3
    # Another network is not limited.
    assert _report(client, reactions[3], "198.51.100.10").status_code == 302


# --- The region kept rendered between changes (issue 15) ------------------------------------


def _form_values(page):
    import re

    return {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1),
        "token": re.search(r'name="token" value="([^"]+)"', page).group(1),
    }


def test_each_reader_of_a_kept_region_posts_with_their_own_tokens(article, settings):
    """The region is rendered once; each reader still gets a CSRF token matching their own
    cookie, and the form's signed timestamp, so that both can post (CSRF enforced)."""
    import time

    from django.test import Client

    from comments.templatetags.reactions import CSRF_HOLE, FORM_TOKEN_HOLE
    from tests.comments.conftest import form_data, post_url

    settings.REACTIONS_FORM_MIN_SECONDS = 0
    for n, reader in enumerate((Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True))):
        # An unknown parameter keeps the page out of the page cache: built, the region kept.
        page = reader.get(article.get_absolute_url() + f"?lecteur={n}").content.decode()
        assert CSRF_HOLE not in page and FORM_TOKEN_HOLE not in page
        values = _form_values(page)
        data = {**form_data(article), **values, "email": f"lecteur{n}@example.org", "message": f"Avis numéro {n}"}
        time.sleep(0.01)
        response = reader.post(post_url(article), data)
        assert response.status_code == 302, response.content[:300]
    assert Reaction.objects.filter(article=article).count() == 2


def test_the_region_is_kept_and_an_approval_shows_at_once(client, article, settings, django_assert_max_num_queries):
    from comments.moderation import reaction_approve
    from tests.factories import editor

    url = article.get_absolute_url()  # with an unknown parameter: built every time
    client.get(url + "?a=0")
    with django_assert_max_num_queries(50) as first:
        client.get(url + "?a=1")
    assert not [q for q in first.captured_queries if "comments_reaction" in q["sql"]]  # kept: no query
    pending = make_reaction(article, name="Émile", state=Reaction.State.PENDING, message="Bientôt visible")
    assert "Bientôt visible" not in client.get(url + "?a=2").content.decode()
    reaction_approve(reaction=pending, user=editor())
    assert "Bientôt visible" in client.get(url + "?a=3").content.decode()


def test_a_preview_never_feeds_the_kept_region(client, settings):
    """Rendered for a draft (no form: not public), the region must not reach readers after
    the publication."""
    from django.utils import timezone

    from articles import services
    from tests.factories import editor

    chief = editor()
    draft = ArticleFactory(status="draft", publish_at=None, first_published_at=None)
    client.force_login(chief)
    assert "Les réactions sont fermées" in client.get(draft.get_absolute_url()).content.decode()
    services.article_publish(article=draft, user=chief, at=timezone.now())
    client.logout()
    assert "Envoyer ma réaction" in client.get(draft.get_absolute_url()).content.decode()
