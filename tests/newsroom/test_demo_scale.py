"""``demo_content --reactions N``: bulk reader reactions for the scale benchmarks."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from articles.models import Article
from comments.models import Reaction, message_digest
from newsroom.demo.bulk import bulk_reactions_create
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    return ArticleFactory.create_batch(5)


def test_creates_exactly_n_reactions_on_published_articles_only(published):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, first_published_at=None)
    scheduled = ArticleFactory(publish_at=timezone.now() + timezone.timedelta(days=1))

    assert bulk_reactions_create(237, batch_size=50) == 237

    assert Reaction.objects.count() == 237
    for article in Article.objects.filter(pk__in=[a.pk for a in published]):
        # The counter the moderation services maintain follows the bulk import too.
        assert article.reactions_count == article.reactions.filter(state=Reaction.State.APPROVED).count()
    assert not Reaction.objects.filter(article__in=[draft, scheduled]).exists()
    assert set(Reaction.objects.values_list("article_id", flat=True)) <= {a.pk for a in published}


def test_reactions_look_like_what_the_site_stores(published):
    bulk_reactions_create(400, batch_size=64)

    states = dict(Reaction.objects.values_list("state").annotate(n=Count("pk")))
    assert states[Reaction.State.APPROVED] > 300  # mostly approved
    assert states.get(Reaction.State.PENDING, 0) > 0  # a queue for the moderators
    for reaction in Reaction.objects.select_related("article")[:50]:
        # bulk_create skips save(): the command must normalise and hash by itself.
        assert reaction.message_hash == message_digest(reaction.message)
        assert reaction.email == reaction.email.strip().lower() and "@" in reaction.email
        assert len(reaction.ip_hash) == 64
        assert reaction.article.publish_at <= reaction.created_at <= timezone.now()
        assert (reaction.moderated_at is None) == (reaction.state == Reaction.State.PENDING)


def test_a_second_run_adds_as_many_again_without_breaking_the_unique_constraint(published):
    # Few articles, many reactions each: the same messages come up again and again.
    bulk_reactions_create(300, batch_size=100)
    bulk_reactions_create(300, batch_size=100)

    assert Reaction.objects.count() == 600
    duplicates = Reaction.objects.values("article", "email", "message_hash").annotate(n=Count("pk")).filter(n__gt=1)
    assert not duplicates.exists()
    assert Reaction.objects.values("message_hash").distinct().count() < 100  # messages do repeat


@pytest.fixture
def no_demo_site(monkeypatch):
    """The hand-written demo (photos, renditions) is covered elsewhere and slow to build."""
    from newsroom.management.commands import demo_content

    monkeypatch.setattr(demo_content, "demo_load", lambda **kwargs: {})
    monkeypatch.setattr(demo_content, "ensure_demo_campaign", lambda: None)


def test_command_option_reports_what_it_added(published, no_demo_site):
    out = StringIO()
    call_command("demo_content", reactions=120, verbosity=0, stdout=out)

    assert Reaction.objects.count() == 120
    assert "120 réactions ajoutées en masse" in out.getvalue()


def test_command_refuses_a_negative_count(no_demo_site):
    with pytest.raises(CommandError, match="ne peuvent pas être négatifs"):
        call_command("demo_content", reactions=-1, verbosity=0)
    assert not Reaction.objects.exists()


def test_no_published_article_is_a_clear_error():
    ArticleFactory(status=Article.Status.DRAFT, publish_at=None, first_published_at=None)

    with pytest.raises(CommandError, match="Aucun article publié"):
        bulk_reactions_create(10)
    assert not Reaction.objects.exists()
