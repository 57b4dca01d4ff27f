"""'N réactions' in the dateline and in lists: a counter kept in step by the moderation services."""

import pytest

from articles.models import Article
from comments.models import Reaction
from comments.moderation import (
    reaction_approve,
    reaction_remove,
    reaction_report,
    reaction_submit,
    reactions_recount,
)
from newsroom.chrome import site_chrome
from tests.comments.conftest import make_reaction
from tests.factories import ArticleFactory, moderator

pytestmark = pytest.mark.django_db
State = Reaction.State


def count(article):
    return Article.objects.values_list("reactions_count", flat=True).get(pk=article.pk)


def test_approving_and_removing_move_the_count(article):
    user = moderator()
    first = make_reaction(article, state=State.PENDING, email="a@example.org")
    second = make_reaction(article, state=State.PENDING, email="b@example.org")
    assert count(article) == 0
    reaction_approve(reaction=first, user=user)
    reaction_approve(reaction=second, user=user)
    assert count(article) == 2
    reaction_remove(reaction=first, user=user)
    assert count(article) == 1


def test_a_reaction_sent_back_by_reports_leaves_the_count(article, settings):
    settings.REACTIONS_REPORTS_THRESHOLD = 2
    reaction = make_reaction(article)
    assert count(article) == 1
    reaction_report(reaction=reaction, reason="spam", reporter="r1")
    reaction_report(reaction=reaction, reason="spam", reporter="r2")
    assert count(article) == 0


def test_a_trusted_commenters_reaction_counts_at_once(article, no_words):
    for n in range(3):
        make_reaction(article, email="fidele@example.org", message=f"Avis numéro {n}")
    reaction_submit(article=article, name="Fidèle", email="fidele@example.org", message="Encore un avis.")
    assert count(article) == 4


def test_a_pending_reaction_does_not_count(article, no_words):
    reaction_submit(article=article, name="Nouveau", email="nouveau@example.org", message="Premier avis.")
    assert count(article) == 0


def test_recount_repairs_the_counter_after_a_bulk_import(article):
    make_reaction(article)
    Article.objects.filter(pk=article.pk).update(reactions_count=99)
    reactions_recount()
    assert count(article) == 1


def test_section_page_shows_reaction_counts_without_extra_queries(client, django_assert_max_num_queries):
    article = ArticleFactory(title="Le marché de Noël ouvre ses portes")
    for n in range(3):
        make_reaction(article, email=f"lecteur{n}@example.org")
    section_url = article.category.get_absolute_url()
    site_chrome()  # the menu and alert are built once for every page, then cached
    with django_assert_max_num_queries(8):
        html = client.get(section_url).content.decode()
    assert "3\u00a0réactions" in html or "3 réactions" in html
    assert "#reactions" in html
    assert client.get(article.get_absolute_url()).status_code == 200
