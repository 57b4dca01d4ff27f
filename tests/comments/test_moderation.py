"""The moderation services: states, trust, word lists, reports, alerts, personal data."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from comments import moderation
from comments.models import ModerationWord, Reaction, ReactionReport
from comments.moderation import (
    DuplicateReaction,
    InvalidTransition,
    RateLimited,
    ReactionsClosed,
    match_words,
    reaction_approve,
    reaction_mark_spam,
    reaction_reject,
    reaction_remove,
    reaction_report,
    reaction_submit,
)
from tests.comments.conftest import make_reaction
from tests.factories import ArticleFactory, editor, journalist, moderator

pytestmark = pytest.mark.django_db
State = Reaction.State


def submit(article, **fields):
    data = {"name": "Paul", "email": "paul@example.org", "message": "Un avis argumenté.", "ip_digest": "h"}
    data.update(fields)
    return reaction_submit(article=article, **data)


# --- Transitions ---------------------------------------------------------------


@pytest.mark.parametrize(
    "service,target",
    [(reaction_approve, State.APPROVED), (reaction_reject, State.REJECTED), (reaction_mark_spam, State.SPAM)],
)
def test_pending_reaction_can_be_decided_and_the_decision_is_recorded(article, service, target):
    user = moderator()
    reaction = make_reaction(article, state=State.PENDING)
    service(reaction=reaction, user=user)
    reaction.refresh_from_db()
    assert reaction.state == target
    assert reaction.moderated_by == user
    assert reaction.moderated_at is not None
    transition = reaction.transitions.get()
    assert (transition.from_state, transition.to_state, transition.by) == (State.PENDING, target, user)


def test_approved_reaction_can_be_removed_by_an_editor(article):
    user = editor()
    reaction = make_reaction(article, state=State.APPROVED)
    reaction_remove(reaction=reaction, user=user)
    reaction.refresh_from_db()
    assert reaction.state == State.REMOVED
    assert reaction.transitions.get().by == user


@pytest.mark.parametrize(
    "start,service",
    [
        (State.APPROVED, reaction_approve),
        (State.APPROVED, reaction_reject),
        (State.APPROVED, reaction_mark_spam),
        (State.REJECTED, reaction_approve),
        (State.SPAM, reaction_approve),
        (State.REMOVED, reaction_approve),
        (State.PENDING, reaction_remove),
        (State.REJECTED, reaction_remove),
    ],
)
def test_invalid_transitions_are_refused_and_change_nothing(article, start, service):
    reaction = make_reaction(article, state=start)
    with pytest.raises(InvalidTransition):
        service(reaction=reaction, user=moderator())
    reaction.refresh_from_db()
    assert reaction.state == start
    assert not reaction.transitions.exists()


def test_stale_object_cannot_approve_twice(article):
    """The state is re-read under lock: two moderators approving at once make one move."""
    reaction = make_reaction(article, state=State.PENDING)
    stale = Reaction.objects.get(pk=reaction.pk)
    reaction_reject(reaction=reaction, user=moderator())
    with pytest.raises(InvalidTransition):
        reaction_approve(reaction=stale, user=moderator())
    assert Reaction.objects.get(pk=reaction.pk).state == State.REJECTED


@pytest.mark.parametrize("make_user", [journalist, lambda: None])
def test_only_moderators_and_editors_moderate(article, make_user):
    from django.contrib.auth.models import AnonymousUser

    user = make_user() or AnonymousUser()
    reaction = make_reaction(article, state=State.PENDING)
    with pytest.raises(PermissionDenied):
        reaction_approve(reaction=reaction, user=user)
    assert Reaction.objects.get(pk=reaction.pk).state == State.PENDING


def test_services_take_keyword_arguments_only(article):
    reaction = make_reaction(article, state=State.PENDING)
    with pytest.raises(TypeError):
        reaction_approve(reaction, moderator())  # noqa


# --- Submission rules ----------------------------------------------------------


def test_new_commenter_goes_to_pre_moderation(article, no_words):
    assert submit(article).state == State.PENDING


def test_trusted_commenter_is_auto_approved(article, no_words):
    for n in range(3):
        make_reaction(article, email="paul@example.org", message=f"avis {n}")
    reaction = submit(article)
    assert reaction.state == State.APPROVED
    assert reaction.transitions.get().note == "Commentateur de confiance"


def test_two_approved_are_not_enough_for_trust(article, no_words):
    for n in range(2):
        make_reaction(article, email="paul@example.org", message=f"avis {n}")
    assert submit(article).state == State.PENDING


@pytest.mark.parametrize("bad_state", [State.REJECTED, State.SPAM, State.REMOVED])
def test_one_refused_reaction_loses_trust(article, no_words, bad_state):
    for n in range(5):
        make_reaction(article, email="paul@example.org", message=f"avis {n}")
    make_reaction(article, email="paul@example.org", state=bad_state, message="mauvais")
    assert submit(article).state == State.PENDING


def test_suspect_word_keeps_trusted_commenter_in_moderation(article, no_words):
    ModerationWord.objects.create(word="casino", kind="suspect")
    for n in range(3):
        make_reaction(article, email="paul@example.org", message=f"avis {n}")
    reaction = submit(article, message="Le CASINO en ligne, c'est génial")
    assert reaction.state == State.PENDING
    assert reaction.matched_words == ["casino"]


def test_banned_word_rejects_at_once(article, no_words):
    ModerationWord.objects.create(word="ordure", kind="banned")
    reaction = submit(article, message="Cet élu est une Ordure.")
    assert reaction.state == State.REJECTED
    assert reaction.transitions.get().by is None


def test_banned_word_in_the_name_counts_too(article, no_words):
    ModerationWord.objects.create(word="ordure", kind="banned")
    assert submit(article, name="Ordure").state == State.REJECTED


def test_duplicate_is_refused_by_the_service(article, no_words):
    submit(article, message="Même message")
    with pytest.raises(DuplicateReaction):
        submit(article, message="  même   MESSAGE ", email="Paul@Example.org")
    assert Reaction.objects.count() == 1


def test_database_constraint_catches_a_duplicate_that_slipped_past_the_check(article, no_words):
    from django.db import IntegrityError, transaction

    make_reaction(article, email="paul@example.org", message="Texte identique")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_reaction(article, email="paul@example.org", message="texte   identique")


def test_purged_reactions_do_not_collide_on_the_constraint(article):
    make_reaction(article, email="", message="Même texte")
    make_reaction(article, email="", message="Même texte")
    assert Reaction.objects.count() == 2


def test_closed_article_refuses(no_words):
    article = ArticleFactory(reactions_enabled=False)
    with pytest.raises(ReactionsClosed):
        submit(article)
    assert not Reaction.objects.exists()


def test_rate_limit_counts_posts_per_email(article, settings, no_words):
    settings.REACTIONS_RATE_PER_EMAIL = 2
    submit(article, message="un", ip_digest="a")
    submit(article, message="deux", ip_digest="b")
    with pytest.raises(RateLimited):
        submit(article, message="trois", ip_digest="c")
    assert Reaction.objects.count() == 2


def test_rate_limit_window_expires(article, settings, no_words):
    import time_machine

    settings.REACTIONS_RATE_PER_EMAIL = 1
    settings.REACTIONS_RATE_WINDOW = 600
    submit(article, message="un")
    with pytest.raises(RateLimited):
        submit(article, message="deux")
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        submit(article, message="trois")
    assert Reaction.objects.count() == 2


def test_default_rate_limits_are_not_stricter_than_the_issue_allows():
    """Read from the settings module itself: the autouse fixture overrides django.conf.settings."""
    import newsroom.settings as module

    assert module.REACTIONS_RATE_PER_EMAIL >= 5
    assert module.REACTIONS_RATE_PER_IP >= 20
    assert module.REACTIONS_RATE_WINDOW <= 600


# --- Word matching -------------------------------------------------------------


WORDS = [("con", "banned"), ("creve", "suspect"), ("gros naze", "suspect")]


@pytest.mark.parametrize(
    "text,banned,suspect",
    [
        ("Quel con !", ["con"], []),
        ("QUEL CON", ["con"], []),
        ("Le conseil municipal a voté", [], []),
        ("Un déconstruction du budget", [], []),
        ("con.", ["con"], []),
        ("«con»", ["con"], []),
        ("Qu'il crève", [], ["creve"]),
        ("Qu'il CRÈVE", [], ["creve"]),
        ("crevette à la plancha", [], []),
        ("Un gros   naze", [], ["gros naze"]),
        ("Un gros nazebroque", [], []),
    ],
)
def test_words_match_ignoring_case_and_accents_on_word_boundaries(text, banned, suspect):
    found = match_words(text, words=WORDS)
    assert (found.banned, found.suspect) == (banned, suspect)


def test_listed_word_with_accents_matches_text_without(db):
    ModerationWord.objects.all().delete()
    ModerationWord.objects.create(word="Débile", kind="suspect")
    assert match_words("c'est debile").suspect == ["debile"]


def test_word_lists_refuse_the_same_word_twice(db):
    ModerationWord.objects.all().delete()
    ModerationWord.objects.create(word="crétin", kind="banned")
    with pytest.raises(ValidationError):
        ModerationWord(word="CRETIN", kind="suspect").full_clean()


def test_highlight_marks_original_text_and_escapes_it():
    marked = moderation.highlight("<b>Quel CRÉTIN</b> & co", ["cretin"])
    assert marked == "&lt;b&gt;Quel <mark>CRÉTIN</mark>&lt;/b&gt; &amp; co"


def test_highlight_handles_characters_that_grow_when_folded():
    assert moderation.highlight("Straße idiot", ["idiot"]) == "Straße <mark>idiot</mark>"


# --- Reports -------------------------------------------------------------------


def test_reports_send_reaction_back_to_queue_after_threshold(article, settings):
    settings.REACTIONS_REPORTS_THRESHOLD = 3
    reaction = make_reaction(article)
    reaction_report(reaction=reaction, reason="insulte", reporter="a")
    reaction_report(reaction=reaction, reason="spam", reporter="b")
    assert Reaction.objects.get(pk=reaction.pk).state == State.APPROVED
    reaction_report(reaction=reaction, reason="autre", reporter="c")
    reaction.refresh_from_db()
    assert reaction.state == State.PENDING
    last = reaction.transitions.last()
    assert (last.from_state, last.to_state, last.by) == (State.APPROVED, State.PENDING, None)


def test_same_reader_reporting_twice_counts_once(article, settings):
    settings.REACTIONS_REPORTS_THRESHOLD = 2
    reaction = make_reaction(article)
    assert reaction_report(reaction=reaction, reason="insulte", reporter="a")[1] is True
    assert reaction_report(reaction=reaction, reason="spam", reporter="a")[1] is False
    assert ReactionReport.objects.count() == 1
    assert Reaction.objects.get(pk=reaction.pk).state == State.APPROVED


def test_reapproval_clears_reports(article, settings):
    settings.REACTIONS_REPORTS_THRESHOLD = 1
    reaction = make_reaction(article)
    reaction_report(reaction=reaction, reason="insulte", reporter="a")
    reaction_approve(reaction=reaction, user=moderator())
    assert not ReactionReport.objects.filter(resolved=False).exists()
    reaction.refresh_from_db()
    assert reaction.state == State.APPROVED


def test_only_approved_reactions_can_be_reported(article):
    with pytest.raises(InvalidTransition):
        reaction_report(reaction=make_reaction(article, state=State.PENDING), reason="spam", reporter="a")


def test_unknown_report_reason_is_refused(article):
    with pytest.raises(ValidationError):
        reaction_report(reaction=make_reaction(article), reason="vulgaire", reporter="a")


# --- Queue alert ---------------------------------------------------------------


def committed(capture, article, **fields):
    """A reader's post as in production: the alert mail is queued when it commits."""
    with capture(execute=True):
        return submit(article, **fields)


def test_moderators_get_one_mail_when_the_queue_passes_the_threshold(
    article, settings, no_words, django_capture_on_commit_callbacks
):
    settings.REACTIONS_QUEUE_ALERT = 3
    settings.REACTIONS_RATE_PER_EMAIL = 100
    moderator(email="modo@example.org")
    journalist(email="journaliste@example.org")
    committed(django_capture_on_commit_callbacks, article, message="un")
    committed(django_capture_on_commit_callbacks, article, message="deux")
    assert len(mail.outbox) == 0
    committed(django_capture_on_commit_callbacks, article, message="trois")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["modo@example.org"]
    assert "3 réactions" in mail.outbox[0].subject
    committed(django_capture_on_commit_callbacks, article, message="quatre")
    committed(django_capture_on_commit_callbacks, article, message="cinq")
    assert len(mail.outbox) == 1  # not again on every post


def test_alert_is_sent_again_after_the_queue_went_below_threshold(
    article, settings, no_words, django_capture_on_commit_callbacks
):
    settings.REACTIONS_QUEUE_ALERT = 2
    settings.REACTIONS_RATE_PER_EMAIL = 100
    user = moderator(email="modo@example.org")
    first = committed(django_capture_on_commit_callbacks, article, message="un")
    committed(django_capture_on_commit_callbacks, article, message="deux")
    assert len(mail.outbox) == 1
    reaction_approve(reaction=first, user=user)
    committed(django_capture_on_commit_callbacks, article, message="trois")
    assert len(mail.outbox) == 2


# --- Personal data -------------------------------------------------------------


def test_purge_blanks_old_emails_and_hashes_only(article):
    old = make_reaction(article, email="vieux@example.org", ip_hash="abc")
    Reaction.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    recent = make_reaction(article, email="recent@example.org", ip_hash="def")
    assert moderation.reactions_purge_personal_data(older_than=timedelta(days=365)) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, old.ip_hash) == ("", "")
    assert old.message and old.state == State.APPROVED
    assert (recent.email, recent.ip_hash) == ("recent@example.org", "def")


def test_approving_a_reported_published_reaction_settles_its_reports(article, settings):
    settings.REACTIONS_REPORTS_THRESHOLD = 3
    reaction = make_reaction(article)
    reaction_report(reaction=reaction, reason="insulte", reporter="a")
    reaction_report(reaction=reaction, reason="insulte", reporter="b")
    user = moderator()
    reaction_approve(reaction=reaction, user=user)
    reaction.refresh_from_db()
    assert reaction.state == State.APPROVED
    assert not reaction.reports.filter(resolved=False).exists()
    transition = reaction.transitions.get()
    assert (transition.from_state, transition.to_state, transition.by) == (State.APPROVED, State.APPROVED, user)
    assert transition.note == "Signalements écartés"
    # The same readers again: nothing moves; a third, new reader alone does not hide it.
    reaction_report(reaction=reaction, reason="insulte", reporter="a")
    reaction_report(reaction=reaction, reason="insulte", reporter="b")
    reaction_report(reaction=reaction, reason="insulte", reporter="c")
    assert Reaction.objects.get(pk=reaction.pk).state == State.APPROVED
    article.refresh_from_db()
    assert article.reactions_count == 1
