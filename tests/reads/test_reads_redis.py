"""The Redis read buffer and ``flush_reads``: nothing lost, nothing counted twice."""

import datetime as dt
import io

import pytest
import redis
import time_machine
from django.core.management import call_command

from articles.models import Article
from reads import buffer, chart
from reads import services as reads
from reads.models import FlushedBatch, ReadDay
from tests.factories import ArticleFactory

NOON = dt.datetime(2026, 3, 10, 11, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 3, 10)


@pytest.fixture
def buffered(settings, redis_url):
    settings.READS_BUFFER = True
    settings.READS_REDIS_URL = redis_url
    settings.READS_WINDOW_SECONDS = 1800
    return redis.Redis.from_url(redis_url)


@pytest.fixture
def article(db):
    return ArticleFactory(publish_at=NOON - dt.timedelta(days=1))


def register(article, *readers, now=NOON):
    return [reads.read_register(article_id=article.pk, reader=reader, now=now) for reader in readers]


def flush():
    out = io.StringIO()
    call_command("flush_reads", stdout=out)
    return out.getvalue()


def stored(article):
    return Article.objects.get(pk=article.pk).reads


def batches(client):
    return client.smembers("newsroom:reads:batches")


def test_reads_wait_in_redis_and_are_shown_before_the_flush(buffered, article):
    assert register(article, "r1", "r2", "r1") == [True, True, False]
    assert stored(article) == 0
    assert reads.displayed_reads(Article.objects.get(pk=article.pk)) == 2
    assert not ReadDay.objects.exists()


def test_flush_writes_the_totals_and_the_daily_buckets(buffered, article):
    other = ArticleFactory()
    register(article, "r1", "r2")
    register(article, "r3", now=NOON + dt.timedelta(days=1))
    register(other, "r1")
    output = flush()
    assert "4 lecture(s) écrite(s) en 1 lot(s)" in output
    assert (stored(article), stored(other)) == (3, 1)
    assert sorted(ReadDay.objects.values_list("article_id", "day", "count")) == sorted(
        [
            (article.pk, DAY, 2),
            (article.pk, DAY + dt.timedelta(days=1), 1),
            (other.pk, DAY, 1),
        ]
    )
    assert reads.displayed_reads(Article.objects.get(pk=article.pk)) == 3  # not doubled
    assert not buffered.exists("newsroom:reads:pending") and not batches(buffered)
    assert FlushedBatch.objects.get().reads == 4


def test_flushes_add_up_and_the_dedupe_survives_them(buffered, article):
    register(article, "r1")
    flush()
    assert register(article, "r1", now=NOON + dt.timedelta(minutes=5)) == [False]
    register(article, "r2", now=NOON + dt.timedelta(minutes=5))
    flush()
    assert stored(article) == 2
    assert ReadDay.objects.get().count == 2
    assert "0 lecture(s) écrite(s) en 0 lot(s)" in flush()


def test_dedupe_marks_expire_in_redis_too(buffered, article):
    register(article, "r1")
    ttl = buffered.ttl(f"newsroom:reads:mark:{article.pk}:r1")
    assert 1790 <= ttl <= 1800


def test_a_batch_left_by_a_crash_before_the_write_is_written_once(buffered, article, monkeypatch):
    register(article, "r1", "r2")

    def crash(*args, **kwargs):
        raise RuntimeError("killed between the claim and the write")

    monkeypatch.setattr(reads, "apply_counts", crash)
    with pytest.raises(RuntimeError):
        reads.flush_buffer()
    assert stored(article) == 0
    assert len(batches(buffered)) == 1  # claimed, still in Redis
    assert reads.displayed_reads(Article.objects.get(pk=article.pk)) == 2  # still shown
    register(article, "r3")  # traffic goes on into a new pending hash
    monkeypatch.undo()
    flush()
    assert stored(article) == 3
    assert ReadDay.objects.get().count == 3
    flush()
    assert stored(article) == 3
    assert not batches(buffered)


def test_a_batch_left_by_a_crash_after_the_commit_is_not_counted_twice(buffered, article, monkeypatch):
    register(article, "r1", "r2")
    real_pipeline = redis.Redis.pipeline

    def dying_pipeline(self, transaction=True, shard_hint=None):
        pipe = real_pipeline(self, transaction=transaction, shard_hint=shard_hint)

        def execute(*args, **kwargs):
            raise redis.ConnectionError("killed between the commit and the cleanup")

        pipe.execute = execute
        return pipe

    monkeypatch.setattr(redis.Redis, "pipeline", dying_pipeline)
    with pytest.raises(redis.ConnectionError):
        reads.flush_buffer()
    monkeypatch.undo()
    assert stored(article) == 2
    assert len(batches(buffered)) == 1  # written but not cleaned up
    output = flush()
    assert "1 lot(s) déjà écrit(s) ignoré(s)" in output
    assert stored(article) == 2
    assert ReadDay.objects.get().count == 2
    assert not batches(buffered)


def test_two_flushes_of_the_same_batch_write_it_once(buffered, article):
    """What two concurrent runs do: both see the same claimed batch."""
    register(article, "r1")
    keys = buffer.key_names()
    client = buffer.redis_client()
    client.rename(keys["pending"], "newsroom:reads:batch:deadbeef")
    client.sadd(keys["batches"], "newsroom:reads:batch:deadbeef")
    first, second = reads.FlushResult(), reads.FlushResult()
    data = client.hgetall("newsroom:reads:batch:deadbeef")
    reads._write_batch(client, "newsroom:reads:batch:deadbeef", first)
    client.hset("newsroom:reads:batch:deadbeef", mapping=data)  # the second run read it before the cleanup
    reads._write_batch(client, "newsroom:reads:batch:deadbeef", second)
    assert (first.reads, second.skipped) == (1, 1)
    assert stored(article) == 1


def test_reads_of_a_deleted_article_are_dropped_by_the_flush(buffered, article):
    doomed = ArticleFactory()
    register(doomed, "r1")
    register(article, "r1")
    doomed.delete()
    flush()
    assert stored(article) == 1
    assert list(ReadDay.objects.values_list("article_id", flat=True)) == [article.pk]


def test_old_batch_ids_and_expired_marks_are_purged(buffered, article, settings):
    settings.READS_BUFFER = False
    register(article, "r1", now=NOON)  # a database mark
    settings.READS_BUFFER = True
    FlushedBatch.objects.create(batch_id="old", flushed_at=NOON - dt.timedelta(days=31))
    FlushedBatch.objects.create(batch_id="recent", flushed_at=NOON - dt.timedelta(days=2))
    with time_machine.travel(NOON + dt.timedelta(hours=1), tick=False):
        assert "1 marque(s) expirée(s) purgée(s)" in flush()
    assert list(FlushedBatch.objects.values_list("batch_id", flat=True)) == ["recent"]


def test_the_chart_includes_pending_reads(buffered, article):
    ReadDay.objects.create(article=article, day=DAY, count=5)
    register(article, "r1", "r2")
    series = dict(chart.daily_reads(article, today=DAY))
    assert series[DAY] == 7 and len(series) == 30


def test_flush_reads_does_nothing_to_redis_without_buffer(settings, redis_url, article):
    settings.READS_BUFFER = False
    settings.READS_REDIS_URL = redis_url
    client = redis.Redis.from_url(redis_url)
    client.hset("newsroom:reads:pending", mapping={str(article.pk): 3, f"{article.pk}:{DAY}": 3})
    assert "rien à écrire" in flush()
    assert stored(article) == 0
    assert client.exists("newsroom:reads:pending")
