"""The move of the reads tables from ``articles`` to ``reads`` keeps every row.

Runs ``migrate`` in a child process against a throwaway database (PostgreSQL, and a
SQLite file), populated at the last migration before the move: counters, daily buckets,
dedupe marks and flushed batch ids must read the same after the move, after a
migration back, and after moving forward again.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BEFORE = ("articles", "0006_article_reactions_count")

SCRIPT = r"""
import datetime as dt
import json

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("articles", "0006_article_reactions_count")


def snapshot():
    with connection.cursor() as cursor:
        out = {}
        for name, sql in {
            "articles": "SELECT id, reads FROM articles_article ORDER BY id",
            "buckets": "SELECT article_id, day, count FROM articles_readday ORDER BY article_id, day",
            "marks": "SELECT article_id, reader, until FROM articles_readermark ORDER BY article_id, reader",
            "batches": "SELECT batch_id, reads FROM articles_flushedbatch ORDER BY batch_id",
        }.items():
            cursor.execute(sql)
            out[name] = [[str(value) for value in row] for row in cursor.fetchall()]
        return out


def through_models():
    from articles.models import Article
    from reads.models import FlushedBatch, ReadDay, ReaderMark
    from reads.queries import most_read

    return {
        "articles": [[str(pk), str(n)] for pk, n in Article.objects.order_by("pk").values_list("pk", "reads")],
        "buckets": [
            [str(a), str(d), str(c)]
            for a, d, c in ReadDay.objects.order_by("article_id", "day").values_list("article_id", "day", "count")
        ],
        "marks": [
            [str(a), r, str(u)]
            for a, r, u in ReaderMark.objects.order_by("article_id", "reader").values_list("article_id", "reader", "until")
        ],
        "batches": [[b, str(n)] for b, n in FlushedBatch.objects.order_by("batch_id").values_list("batch_id", "reads")],
        "most_read": [a.pk for a in most_read(Article.objects.all(), since=dt.date(2026, 3, 1))],
    }


call_command("migrate", *BEFORE, verbosity=0)
apps = MigrationExecutor(connection).loader.project_state(BEFORE).apps
Category = apps.get_model("articles", "Category")
Article = apps.get_model("articles", "Article")
ReadDay = apps.get_model("articles", "ReadDay")
ReaderMark = apps.get_model("articles", "ReaderMark")
FlushedBatch = apps.get_model("articles", "FlushedBatch")
region = Category.objects.create(name="Isère", slug="isere", path="isere")
now = dt.datetime(2026, 3, 10, 12, tzinfo=dt.timezone.utc)
for n in range(3):
    article = Article.objects.create(
        title=f"Article {n}", slug=f"article-{n}", category=region, status="published", publish_at=now, reads=100 * n + 7
    )
    for day in range(4):
        ReadDay.objects.create(article=article, day=dt.date(2026, 3, 1 + day), count=(n + 1) * (day + 2))
    ReaderMark.objects.create(article=article, reader=f"{n:032d}", until=1_800_000_000 + n)
FlushedBatch.objects.create(batch_id="deadbeef", reads=12)

result = {"before": snapshot()}
call_command("migrate", verbosity=0)
result["after"] = snapshot()
result["models"] = through_models()
call_command("migrate", "reads", "zero", verbosity=0)
call_command("migrate", *BEFORE, verbosity=0)
result["back"] = snapshot()
call_command("migrate", verbosity=0)
result["again"] = snapshot()
result["models_again"] = through_models()
print("RESULT " + json.dumps(result))
"""


def run_migrations(database_url):
    env = dict(os.environ, DATABASE_URL=database_url, DEBUG="1")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def assert_rows_kept(result):
    before = result["before"]
    assert len(before["articles"]) == 3 and len(before["buckets"]) == 12 and len(before["marks"]) == 3
    for stage in ("after", "back", "again"):
        assert result[stage] == before, stage
    for models in (result["models"], result["models_again"]):
        assert {key: models[key] for key in before} == before
        assert models["most_read"] == [int(pk) for pk, _ in reversed(before["articles"])]  # 3rd article read most


def test_the_move_keeps_every_row_on_sqlite(tmp_path):
    assert_rows_kept(run_migrations(f"sqlite:///{tmp_path / 'migration.sqlite3'}"))


@pytest.fixture
def throwaway_postgres():
    """A database of its own on the PostgreSQL server of the run, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL (run with DATABASE_URL=postgres://…)")
    import psycopg

    base, _, _name = url.rpartition("/")
    name = f"nr_reads_migration_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_move_keeps_every_row_on_postgresql(throwaway_postgres):
    assert_rows_kept(run_migrations(throwaway_postgres))
