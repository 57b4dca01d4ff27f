"""Who may post on a live, what a post may hold, and the trace every change leaves."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import Article
from live import services
from live.models import LivePost, LivePostChange
from tests.factories import ArticleFactory, journalist, moderator

pytestmark = pytest.mark.django_db


def test_the_lives_journalist_posts_and_the_post_is_signed_and_traced(live, reporter):
    post = services.live_post_add(article=live, user=reporter, body="<p>L'eau monte.</p>")
    assert post.signature == "Claire Vernet"
    assert post.posted_by == reporter
    assert [(c.action, c.user) for c in post.changes.all()] == [(LivePostChange.Action.POSTED, reporter)]


def test_an_editor_posts_on_any_live(live, chief):
    post = services.live_post_add(article=live, user=chief, body="<p>Point à 20 heures.</p>", pinned=True)
    assert post.pinned


@pytest.mark.parametrize(
    "who",
    [
        lambda: journalist(username="colleague"),  # a journalist who does not sign this live
        lambda: moderator(username="modo"),
    ],
)
def test_others_may_not_post(live, who):
    with pytest.raises(PermissionDenied):
        services.live_post_add(article=live, user=who(), body="<p>Bonjour</p>")
    assert not LivePost.objects.exists()


def test_no_post_on_an_article_that_is_not_a_running_live(reporter, chief):
    for state in (Article.Live.NO, Article.Live.ENDED):
        article = ArticleFactory(live=state)
        with pytest.raises(ValidationError) as refused:
            services.live_post_add(article=article, user=chief, body="<p>Bonjour</p>")
        assert refused.value.messages == [services.NOT_RUNNING]
    assert not LivePost.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", services.EMPTY),
        ("<p>   </p>", services.EMPTY),
        ("<script>alert(1)</script>", services.EMPTY),
        ('<iframe src="https://evil.example/"></iframe>', services.EMPTY),
        ("<p>" + "x" * 12_000 + "</p>", services.TOO_LONG),
        (None, services.EMPTY),
    ],
)
def test_empty_or_oversized_posts_are_refused(live, reporter, body, message):
    with pytest.raises(ValidationError) as refused:
        services.live_post_add(article=live, user=reporter, body=body)
    assert refused.value.messages == [message]
    assert not LivePost.objects.exists()


def test_a_post_is_sanitised(live, reporter):
    post = services.live_post_add(
        article=live,
        user=reporter,
        body='<p onclick="x()">Lien <a href="javascript:alert(1)">piégé</a> et <strong>gras</strong></p>'
        '<img src="https://tracker.example/p.gif"><iframe src="https://evil.example/"></iframe>',
    )
    assert "onclick" not in post.body and "javascript:" not in post.body
    assert "iframe" not in post.body and "tracker.example" not in post.body
    assert "<strong>gras</strong>" in post.body


def test_an_edit_keeps_the_previous_text_in_the_trace(live, reporter):
    post = services.live_post_add(article=live, user=reporter, body="<p>Le pic à 23 h.</p>")
    services.live_post_edit(post=post, user=reporter, body="<p>Le pic à 2 h.</p>")
    post.refresh_from_db()
    assert post.body == "<p>Le pic à 2 h.</p>" and post.edited_at is not None
    edit = post.changes.get(action=LivePostChange.Action.EDITED)
    assert edit.previous_body == "<p>Le pic à 23 h.</p>" and edit.user == reporter


def test_a_deleted_post_is_hidden_and_kept_with_its_trace(live, reporter, chief):
    post = services.live_post_add(article=live, user=reporter, body="<p>Erreur</p>")
    services.live_post_delete(post=post, user=chief)
    assert not LivePost.objects.visible().exists()
    assert LivePost.objects.filter(pk=post.pk, deleted_at__isnull=False).exists()
    deleted = post.changes.get(action=LivePostChange.Action.DELETED)
    assert deleted.user == chief and deleted.previous_body == "<p>Erreur</p>"


def test_a_journalist_changes_only_their_own_posts(live, reporter, chief):
    by_chief = services.live_post_add(article=live, user=chief, body="<p>De la rédaction en chef</p>")
    for change in (
        lambda: services.live_post_edit(post=by_chief, user=reporter, body="<p>Autre</p>"),
        lambda: services.live_post_pin(post=by_chief, user=reporter, pinned=True),
        lambda: services.live_post_delete(post=by_chief, user=reporter),
    ):
        with pytest.raises(PermissionDenied):
            change()
    own = services.live_post_add(article=live, user=reporter, body="<p>Le mien</p>")
    services.live_post_pin(post=own, user=reporter, pinned=True)
    assert [c.action for c in own.changes.order_by("pk")] == ["posted", "pinned"]


def test_ending_a_live_stops_the_posts(live, reporter):
    services.live_set_state(article=live, user=reporter, state=Article.Live.ENDED)
    live.refresh_from_db()
    assert live.live == Article.Live.ENDED
    with pytest.raises(ValidationError):
        services.live_post_add(article=live, user=reporter, body="<p>Trop tard</p>")
    with pytest.raises(PermissionDenied):
        services.live_set_state(article=live, user=journalist(username="other"), state=Article.Live.RUNNING)
