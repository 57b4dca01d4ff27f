"""Concurrent identical posts on PostgreSQL: the unique constraint keeps exactly one."""

import threading

import pytest
from django.db import connection

from comments.models import Reaction
from comments.moderation import DuplicateReaction, reaction_submit
from tests.factories import ArticleFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_store_exactly_one(postgres, settings):
    settings.REACTIONS_RATE_PER_EMAIL = 1000
    settings.REACTIONS_RATE_PER_IP = 1000
    settings.REACTIONS_QUEUE_ALERT = 0
    article = ArticleFactory()
    barrier = threading.Barrier(12)
    outcomes = []

    def post():
        try:
            barrier.wait()
            reaction_submit(
                article=article, name="Zoé", email="zoe@example.org", message="Le même message", ip_digest="h"
            )
            outcomes.append("stored")
        except DuplicateReaction:
            outcomes.append("duplicate")
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["duplicate"] * 11 + ["stored"]
    assert Reaction.objects.filter(article=article).count() == 1
