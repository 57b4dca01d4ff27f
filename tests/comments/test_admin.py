"""The moderators' admin: who may reach it, the queue, the bulk actions."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comments.models import ModerationWord, Reaction, ReactionReport
from tests.comments.conftest import make_reaction
from tests.factories import ArticleFactory, SectionFactory, editor, journalist, moderator

pytestmark = pytest.mark.django_db
State = Reaction.State
CHANGELIST = reverse("admin:comments_reaction_changelist")


@pytest.fixture
def reaction(article):
    return make_reaction(article, state=State.PENDING, message="À modérer")


def moderation_urls(reaction):
    word = ModerationWord.objects.first() or ModerationWord.objects.create(word="casino", kind="suspect")
    return [
        CHANGELIST,
        reverse("admin:comments_reaction_change", args=[reaction.pk]),
        reverse("admin:comments_reaction_history", args=[reaction.pk]),
        reverse("admin:comments_moderationword_changelist"),
        reverse("admin:comments_moderationword_add"),
        reverse("admin:comments_moderationword_change", args=[word.pk]),
        reverse("admin:comments_moderationword_delete", args=[word.pk]),
    ]


ACTIONS = ["approve", "reject", "mark_spam", "remove"]


def run_action(client, action, reactions, query=""):
    """An action as the list posts it; ``query`` is the list's own filters (bare: pending)."""
    data = {"action": action, "_selected_action": [r.pk for r in reactions], "index": 0}
    return client.post(CHANGELIST + query, data)


# --- Permission matrix ---------------------------------------------------------


def test_journalist_gets_403_on_every_moderation_url(client, reaction):
    client.force_login(journalist())
    for url in moderation_urls(reaction):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("action", ACTIONS)
def test_journalist_gets_403_on_every_action(client, reaction, action):
    client.force_login(journalist())
    assert run_action(client, action, [reaction]).status_code == 403
    assert Reaction.objects.get(pk=reaction.pk).state == State.PENDING


def test_anonymous_is_sent_to_login_on_every_moderation_url(client, reaction):
    for url in moderation_urls(reaction):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_cannot_run_actions(client, reaction, action):
    response = run_action(client, action, [reaction])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert Reaction.objects.get(pk=reaction.pk).state == State.PENDING


@pytest.mark.parametrize("make_user", [moderator, editor])
def test_moderators_and_editors_reach_every_moderation_url(client, reaction, make_user):
    client.force_login(make_user())
    for url in moderation_urls(reaction):
        assert client.get(url).status_code == 200, url


def test_moderator_does_not_see_articles_admin_for_editing(client, article):
    client.force_login(moderator())
    assert client.get(reverse("admin:articles_article_add")).status_code == 403


def test_journalist_admin_index_does_not_show_queue(client, reaction):
    client.force_login(journalist())
    page = client.get(reverse("admin:index")).content.decode()
    assert "attend" not in page
    assert "Réactions des lecteurs" not in page


# --- Actions -------------------------------------------------------------------


@pytest.mark.parametrize("make_user", [moderator, editor])
@pytest.mark.parametrize(
    "action,target", [("approve", State.APPROVED), ("reject", State.REJECTED), ("mark_spam", State.SPAM)]
)
def test_bulk_actions_call_the_services(client, article, make_user, action, target):
    user = make_user()
    client.force_login(user)
    reactions = [make_reaction(article, state=State.PENDING, message=f"r{n}") for n in range(3)]
    response = run_action(client, action, reactions)
    assert response.status_code == 302
    for reaction in reactions:
        reaction.refresh_from_db()
        assert reaction.state == target
        assert reaction.moderated_by == user
        assert reaction.transitions.get().by == user


def test_bulk_action_skips_invalid_moves_with_a_message(client, article):
    client.force_login(moderator())
    pending = make_reaction(article, state=State.PENDING, message="a")
    spam = make_reaction(article, state=State.SPAM, message="b")
    response = run_action(client, "approve", [pending, spam], query="?state__exact=tout")
    page = client.get(response["Location"]).content.decode()
    assert "1 réaction(s) approuvée(s)." in page
    assert "1 réaction(s) ignorée(s)" in page
    assert Reaction.objects.get(pk=spam.pk).state == State.SPAM


def test_delete_action_is_not_offered(client, reaction):
    client.force_login(moderator())
    page = client.get(CHANGELIST).content.decode()
    assert "delete_selected" not in page
    for label in ("Approuver", "Rejeter", "Spam"):
        assert label in page


# --- The queue -----------------------------------------------------------------


def test_queue_pending_and_reported_first_then_oldest_first(client, article):
    client.force_login(moderator())
    now = timezone.now()

    def at(minutes, **kwargs):
        reaction = make_reaction(article, **kwargs)
        Reaction.objects.filter(pk=reaction.pk).update(created_at=now - timedelta(minutes=minutes))
        return reaction

    old_approved = at(100, message="approuvée ancienne")
    new_pending = at(10, state=State.PENDING, message="en attente récente")
    old_pending = at(50, state=State.PENDING, message="en attente ancienne")
    reported = at(90, message="publiée signalée")
    ReactionReport.objects.create(reaction=reported, reason="insulte", reporter_hash="x")

    page = client.get(CHANGELIST + "?state__exact=tout").content.decode()
    positions = [page.index(r.message) for r in (old_pending, new_pending, reported, old_approved)]
    assert positions == sorted(positions)


def test_queue_shows_article_link_history_and_highlighted_words(client, article):
    client.force_login(moderator())
    for n in range(2):
        make_reaction(article, email="habitue@example.org", message=f"ok {n}")
    make_reaction(article, email="habitue@example.org", state=State.REJECTED, message="refusée")
    make_reaction(
        article,
        email="habitue@example.org",
        state=State.PENDING,
        message="<script>x</script> Le CASINO est ouvert",
        matched_words=["casino"],
    )
    page = client.get(CHANGELIST + "?state__exact=pending").content.decode()
    assert f'href="{article.get_absolute_url()}"' in page
    assert article.title in page
    assert '2 ✓</span> / <span title="refusées">1 ✗' in page
    assert "<mark>CASINO</mark>" in page
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


def test_queue_filters(client, article):
    client.force_login(moderator())
    other_section = SectionFactory()
    other_article = ArticleFactory(category=other_section)
    pending = make_reaction(article, state=State.PENDING, message="filtre en attente")
    approved = make_reaction(other_article, message="filtre publiée")
    reported = make_reaction(article, message="filtre signalée")
    ReactionReport.objects.create(reaction=reported, reason="hors_sujet", reporter_hash="x")

    def shown(query):
        page = client.get(CHANGELIST + query).content.decode()
        return {r.message for r in (pending, approved, reported) if r.message in page}

    assert shown("?state__exact=pending") == {pending.message}
    assert shown("?signalement=hors_sujet") == {reported.message}
    assert shown("?signalement=spam") == set()
    assert shown(f"?article={other_article.pk}") == {approved.message}
    assert shown(f"?rubrique={other_section.pk}") == {approved.message}


def test_queue_query_count_does_not_grow_with_rows(client, article, django_assert_max_num_queries):
    user = moderator()
    client.force_login(user)
    for n in range(5):
        make_reaction(article, state=State.PENDING, message=f"a{n}")
    client.get(CHANGELIST)  # warm caches (content types, session)
    with django_assert_max_num_queries(20) as small:
        client.get(CHANGELIST)
    for n in range(30):
        make_reaction(ArticleFactory(), state=State.PENDING, message=f"b{n}", email=f"p{n}@example.org")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(CHANGELIST)


def test_admin_index_shows_pending_count_to_moderators(client, article):
    for n in range(3):
        make_reaction(article, state=State.PENDING, message=f"p{n}")
    make_reaction(article, message="publiée")
    reported = make_reaction(article, message="publiée et signalée")
    for reporter in "ab":
        ReactionReport.objects.create(reaction=reported, reason="spam", reporter_hash=reporter)
    client.force_login(moderator())
    page = client.get(reverse("admin:index")).content.decode()
    assert "<strong>3</strong> réactions attendent une modération" in page
    assert f"{CHANGELIST}?state__exact=pending" in page
    assert "1 publiée signalée" in page


def test_bulk_action_is_logged_for_recent_actions(client, article):
    from django.contrib.admin.models import LogEntry

    user = moderator()
    client.force_login(user)
    reaction = make_reaction(article, state=State.PENDING)
    run_action(client, "approve", [reaction])
    entry = LogEntry.objects.get(user=user)
    assert entry.object_id == str(reaction.pk)


def test_word_lists_are_editable_in_the_admin(client, db):
    client.force_login(moderator())
    response = client.post(reverse("admin:comments_moderationword_add"), {"word": "Abruti", "kind": "banned"})
    assert response.status_code == 302
    assert ModerationWord.objects.get(folded="abruti").kind == "banned"
    again = client.post(reverse("admin:comments_moderationword_add"), {"word": "ABRUTÍ", "kind": "suspect"})
    assert again.status_code == 200
    assert "figure déjà" in again.content.decode()


def test_queue_opens_on_pending_and_tout_shows_every_state(client, article):
    client.force_login(moderator())
    pending = make_reaction(article, state=State.PENDING, message="message en attente")
    approved = make_reaction(article, message="message publié")
    rejected = make_reaction(article, state=State.REJECTED, message="message rejeté")

    def shown(query=""):
        page = client.get(CHANGELIST + query).content.decode()
        return {r.message for r in (pending, approved, rejected) if r.message in page}

    assert shown() == {pending.message}
    page = client.get(CHANGELIST).content.decode()
    assert re.search(r'<li class="selected">\s*<a href="\?state__exact=pending">En attente</a>', page)
    assert shown("?state__exact=tout") == {pending.message, approved.message, rejected.message}
    assert shown("?state__exact=approved") == {approved.message}
    # A search looks through every state.
    assert shown("?q=message") == {pending.message, approved.message, rejected.message}


# --- A reaction's own page -------------------------------------------------------


def decide_url(reaction):
    return reverse("admin:comments_reaction_decide", args=[reaction.pk])


@pytest.mark.parametrize(
    "state,labels",
    [
        (State.PENDING, ["Approuver", "Rejeter", "Spam"]),
        (State.APPROVED, ["Retirer"]),
        (State.REJECTED, []),
    ],
)
def test_reaction_page_offers_the_decisions_its_state_allows(client, article, state, labels):
    client.force_login(moderator())
    reaction = make_reaction(article, state=state)
    page = client.get(reverse("admin:comments_reaction_change", args=[reaction.pk])).content.decode()
    buttons = re.findall(r'<button[^>]*name="decision"[^>]*>([^<]+)</button>', page)
    assert buttons == labels
    if labels:
        assert f'formaction="{decide_url(reaction)}"' in page


def test_decision_button_calls_the_service_and_says_when_in_french(client, article):
    import time_machine
    from django.contrib.admin.models import LogEntry

    user = moderator()
    client.force_login(user)
    reaction = make_reaction(article, state=State.PENDING, name="Claire Dubois")
    # 00:39 UTC on 1 December is 1 h 39 in Paris.
    with time_machine.travel(datetime(2026, 12, 1, 0, 39, tzinfo=UTC), tick=False):
        response = client.post(
            decide_url(reaction) + "?_changelist_filters=state__exact%3Dpending", {"decision": "approve"}
        )
    assert response.status_code == 302
    assert response["Location"] == CHANGELIST + "?state__exact=pending"
    page = client.get(response["Location"]).content.decode()
    assert "Réaction de Claire Dubois approuvée le 1er décembre 2026 à 1\u00a0h\u00a039." in page
    reaction.refresh_from_db()
    assert reaction.state == State.APPROVED
    assert reaction.transitions.get().by == user
    assert LogEntry.objects.get(user=user).object_id == str(reaction.pk)


def test_decision_not_allowed_by_the_state_changes_nothing(client, article):
    client.force_login(moderator())
    reaction = make_reaction(article, state=State.SPAM)
    response = client.post(decide_url(reaction), {"decision": "approve"}, follow=True)
    assert response.status_code == 200
    assert "ne peut pas passer" in response.content.decode()
    unknown = client.post(decide_url(reaction), {"decision": "publier"}, follow=True)
    assert "Décision inconnue." in unknown.content.decode()
    assert Reaction.objects.get(pk=reaction.pk).state == State.SPAM


def test_only_moderators_decide_and_only_by_post(client, reaction):
    assert client.post(decide_url(reaction), {"decision": "approve"}).status_code == 302  # to the login page
    client.force_login(journalist())
    assert client.post(decide_url(reaction), {"decision": "approve"}).status_code == 403
    client.force_login(moderator())
    assert client.get(decide_url(reaction)).status_code == 405
    assert Reaction.objects.get(pk=reaction.pk).state == State.PENDING


def test_reaction_page_dates_are_french(client, article):
    client.force_login(moderator())
    reaction = make_reaction(article, state=State.PENDING)
    Reaction.objects.filter(pk=reaction.pk).update(created_at=datetime(2026, 12, 1, 0, 39, tzinfo=UTC))
    page = client.get(reverse("admin:comments_reaction_change", args=[reaction.pk])).content.decode()
    assert "1er décembre 2026 à 1\u00a0h\u00a039" in page


def test_reported_published_reaction_can_be_kept_from_its_page(client, article):
    client.force_login(moderator())
    reaction = make_reaction(article)
    ReactionReport.objects.create(reaction=reaction, reason="insulte", reporter_hash="x")
    page = client.get(reverse("admin:comments_reaction_change", args=[reaction.pk])).content.decode()
    buttons = re.findall(r'<button[^>]*name="decision"[^>]*>([^<]+)</button>', page)
    assert buttons == ["Maintenir (écarter les signalements)", "Retirer"]
    client.post(decide_url(reaction), {"decision": "approve"})
    assert not ReactionReport.objects.filter(resolved=False).exists()
    assert Reaction.objects.get(pk=reaction.pk).state == State.APPROVED
