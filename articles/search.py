"""The stored search vector of an article, kept in step with its text.

The vector is derived data: it is recomputed by the database from the row itself
with one plain UPDATE once the saving transaction has committed, so a save never
waits on it and a rolled-back save never touches it (the pattern of
simonwillisonblog's ``blog/signals.py``). Only PostgreSQL has vectors; on SQLite
the search falls back to ``icontains`` and nothing is stored.

Connected in ``ArticlesConfig.ready()`` by importing this module.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_save
from django.dispatch import receiver

# Created by migration 0003_search: French stemming after unaccent.
SEARCH_CONFIG = "french_unaccent"

# Fields whose change means a new vector.
INDEXED_FIELDS = frozenset({"title", "standfirst", "body"})


def body_text():
    """The body without its markup, so that tags are neither indexed nor quoted in excerpts."""
    return Func(
        Coalesce(F("body"), Value(""), output_field=TextField()),
        Value("<[^>]*>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def search_vector_expression():
    """Title weighs most (A), then the standfirst (B), then the body (C).

    Must give the same vector as the backfill of migration 0003_search.
    """
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
        + SearchVector(body_text(), weight="C", config=SEARCH_CONFIG)
    )


def search_is_available() -> bool:
    return connection.vendor == "postgresql"


def articles_refresh_search_vector(*, queryset) -> int:
    """Recompute the vectors of ``queryset``'s articles in one UPDATE (bulk imports call it too)."""
    if not search_is_available():
        return 0
    return queryset.update(search_vector=search_vector_expression())


@receiver(post_save, sender="articles.Article", dispatch_uid="articles_refresh_search_vector")
def article_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Refresh the vector after commit when the indexed text may have changed."""
    if raw or not search_is_available():
        return
    if update_fields is not None and not INDEXED_FIELDS.intersection(update_fields):
        return
    pk = instance.pk
    transaction.on_commit(
        lambda: articles_refresh_search_vector(queryset=sender.objects.filter(pk=pk)),
        robust=True,
    )
