"""Reads queued in the worker and sent in batches: the same counts as one by one.

``test_reads`` runs every counting rule through the queue too (its "queued" mode);
here: batches against the one-by-one order, the thread, the bounds, failures, fork
and exit, and concurrent batches on PostgreSQL.
"""

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Sum

from articles.models import Article
from reads import services as reads
from reads.models import ReadDay
from tests.factories import ArticleFactory

NOON = dt.datetime(2026, 3, 10, 11, 0, tzinfo=dt.UTC)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["db", "redis"])
def mode(request, settings):
    settings.READS_WINDOW_SECONDS = 1800
    settings.READS_BUFFER = request.param == "redis"
    if request.param == "redis":
        settings.READS_REDIS_URL = request.getfixturevalue("redis_url")
    return request.param


def totals(article):
    """(reads, sum of the daily buckets, {day: count}) once the Redis buffer is flushed."""
    reads.flush_buffer()
    article = Article.objects.get(pk=article.pk)
    days = dict(ReadDay.objects.filter(article=article).values_list("day", "count"))
    return article.reads, sum(days.values()), days


def traffic(article_id, start=NOON):
    """Reads with repeats, cookies handed out and brought back, two Paris days."""
    at = lambda seconds: start + dt.timedelta(seconds=seconds)  # noqa: E731
    late = dt.datetime(2026, 3, 10, 23, 30, tzinfo=dt.UTC)  # 00:30 on the 11th in Paris
    return [
        reads.Read(article_id, "hash-a", ("cookie-a",), at(0)),
        reads.Read(article_id, "cookie-a", (), at(1)),  # the same reader, back with the cookie
        reads.Read(article_id, "hash-b", ("cookie-b",), at(2)),
        reads.Read(article_id, "hash-b", ("cookie-b2",), at(3)),  # refused the cookie
        reads.Read(article_id, "hash-c", ("cookie-c",), at(4)),
        reads.Read(article_id, "hash-a", (), at(1801)),  # the window is over: counted again
        reads.Read(article_id, "cookie-b2", (), at(1804)),  # its window too
        reads.Read(article_id, "hash-d", (), late),
        reads.Read(article_id, "hash-d", (), late + dt.timedelta(seconds=5)),
    ]


@pytest.mark.django_db
def test_a_batch_counts_what_the_reads_one_by_one_count(mode):
    one_by_one, batched = ArticleFactory(), ArticleFactory()
    counted = [
        reads.read_register(article_id=one_by_one.pk, reader=r.reader, also=r.also, now=r.now)
        for r in traffic(one_by_one.pk)
    ]
    assert counted == [True, False, True, False, True, True, True, True, False]
    assert reads.register_reads(traffic(batched.pk)) == sum(counted)
    expected = (6, 6, {dt.date(2026, 3, 10): 5, dt.date(2026, 3, 11): 1})
    assert totals(one_by_one) == totals(batched) == expected


@pytest.mark.django_db
def test_a_batch_of_several_articles_counts_each(mode):
    first, second = ArticleFactory(), ArticleFactory()
    batch = [reads.Read(article.pk, f"reader-{n}", (), NOON) for n in range(3) for article in (first, second)]
    batch += [reads.Read(first.pk, "reader-0", (), NOON)]
    assert reads.register_reads(batch) == 6
    assert totals(first)[:2] == totals(second)[:2] == (3, 3)


@pytest.mark.django_db
def test_a_mark_that_expires_within_a_batch_counts_again(mode, settings):
    """A window shorter than a batch: PostgreSQL needs a second statement for the mark."""
    settings.READS_WINDOW_SECONDS = 1
    article = ArticleFactory()
    batch = [reads.Read(article.pk, "reader", (), NOON + dt.timedelta(seconds=s)) for s in (0, 0, 1, 5)]
    assert reads.register_reads(batch) == 3
    assert totals(article)[:2] == (3, 3)


def test_statements_never_upsert_one_mark_twice():
    statements = reads._pg_statements(traffic(7), window=1800)
    assert len(statements) == 2  # hash-a's mark expired within the batch
    for rows in statements:
        marks = [(article, identity) for article, identity, *_ in rows]
        assert len(marks) == len(set(marks))


@pytest.mark.django_db
def test_queued_reads_wait_for_the_sending(mode, settings):
    settings.READS_QUEUE_SECONDS = 60
    queue = reads.ReadQueue(thread=False)
    article = ArticleFactory()
    for n in range(3):
        queue.put(reads.Read(article.pk, f"reader-{n}"))
    assert len(queue) == 3 and totals(article)[0] == 0
    assert queue.send() == 3
    assert len(queue) == 0 and totals(article)[0] == 3
    assert queue.send() == 0


@pytest.mark.django_db(transaction=True)
def test_the_thread_sends_the_queue_on_its_own(settings):
    settings.READS_BUFFER = False
    settings.READS_QUEUE_SECONDS = 0.05
    queue = reads.ReadQueue()
    article = ArticleFactory()
    try:
        queue.put(reads.Read(article.pk, "reader"))
        assert queue._thread.is_alive()
        deadline = time.monotonic() + 10
        while Article.objects.get(pk=article.pk).reads == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert Article.objects.get(pk=article.pk).reads == 1
        assert len(queue) == 0
    finally:
        queue.stop()  # and its database connection, or the test database cannot be dropped


@pytest.mark.django_db
def test_a_full_queue_wakes_the_thread_and_then_sends_with_the_request(settings):
    settings.READS_BUFFER = False
    settings.READS_QUEUE_SECONDS = 60
    settings.READS_QUEUE_MAX = 2
    queue = reads.ReadQueue(thread=False)
    article = ArticleFactory()
    queue.put(reads.Read(article.pk, "reader-0"))
    assert not queue._wake.is_set()
    queue.put(reads.Read(article.pk, "reader-1"))
    assert queue._wake.is_set()  # the thread is told to send before its time
    for n in range(2, 22):
        queue.put(reads.Read(article.pk, f"reader-{n}"))
    # 20 (ten times the maximum) wait; the 21st and 22nd reads were sent by their requests.
    assert len(queue) == 20
    assert Article.objects.get(pk=article.pk).reads == 2
    queue.send()
    assert Article.objects.get(pk=article.pk).reads == 22


@pytest.mark.django_db
def test_a_failed_batch_is_sent_again_and_counted_once(settings, monkeypatch):
    settings.READS_BUFFER = False
    queue = reads.ReadQueue(thread=False)
    article = ArticleFactory()
    real, calls = reads.register_reads, []

    def register_then_lose_the_answer(batch):
        calls.append(len(batch))
        counted = real(batch)
        if len(calls) == 1:
            raise ConnectionError("connection lost after the write")
        return counted

    monkeypatch.setattr(reads, "register_reads", register_then_lose_the_answer)
    monkeypatch.setattr(reads.connection, "close", lambda: None)  # keep the test's transaction
    for n in range(3):
        queue.put(reads.Read(article.pk, f"reader-{n}"))
    queue.send()
    assert calls == [3, 3]
    assert Article.objects.get(pk=article.pk).reads == 3  # the marks stopped the second count


@pytest.mark.django_db
def test_a_batch_that_keeps_failing_is_logged_and_the_queue_goes_on(settings, monkeypatch, caplog):
    settings.READS_BUFFER = False
    queue = reads.ReadQueue(thread=False)
    article = ArticleFactory()

    def down(batch):
        raise ConnectionError("database down")

    monkeypatch.setattr(reads, "register_reads", down)
    monkeypatch.setattr(reads.connection, "close", lambda: None)
    queue.put(reads.Read(article.pk, "reader-0"))
    assert queue.send() == 0
    assert "1 queued read(s) could not be registered" in caplog.text
    monkeypatch.undo()
    queue.put(reads.Read(article.pk, "reader-1"))
    assert queue.send() == 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_worker_starts_with_an_empty_queue():
    queue = reads.ReadQueue(thread=False)
    queue.put(reads.Read(1, "reader"))
    child = os.fork()
    if child == 0:  # the child must not send the parent's reads a second time
        os._exit(0 if len(queue) == 0 and queue._thread is None else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert len(queue) == 1


EXIT_SCRIPT = """
import django
django.setup()
from reads import services as reads
for n in range({count}):
    reads.QUEUE.put(reads.Read({article_id}, f"reader-{{n}}"))
assert reads.QUEUE._thread is not None
"""  # exits at once, long before READS_QUEUE_SECONDS


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_exits_sends_its_queue_first(postgres):
    article = ArticleFactory()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": "",
        "READS_BUFFER": "0",
        "READS_QUEUE_SECONDS": "3600",
    }
    subprocess.run(
        [sys.executable, "-c", EXIT_SCRIPT.format(count=5, article_id=article.pk)],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=60,
    )
    assert Article.objects.get(pk=article.pk).reads == 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_sending_batches_count_exactly(postgres, settings):
    """Two workers' queues, fed by many threads, sending at the same moment."""
    settings.READS_BUFFER = False
    settings.READS_WINDOW_SECONDS = 1800
    first, second = ArticleFactory(), ArticleFactory()
    queues = [reads.ReadQueue(thread=False) for _ in range(4)]
    distinct = 60

    def feed(n):
        queue = queues[n % len(queues)]
        for article in (first, second) if n % 2 else (second, first):  # opposite lock orders
            queue.put(reads.Read(article.pk, f"reader-{n}"))
            queue.put(reads.Read(article.pk, "everyone-s-cousin"))  # one reader in every queue

    feeders = [threading.Thread(target=feed, args=(n,)) for n in range(distinct)]
    for thread in feeders:
        thread.start()
    for thread in feeders:
        thread.join()
    barrier = threading.Barrier(len(queues))
    results = []

    def send(queue):
        try:
            barrier.wait(timeout=30)
            results.append(queue.send())
        finally:
            connection.close()

    senders = [threading.Thread(target=send, args=(queue,)) for queue in queues]
    for thread in senders:
        thread.start()
    for thread in senders:
        thread.join()
    assert sum(results) == 2 * (distinct + 1)
    for article in (first, second):
        assert Article.objects.get(pk=article.pk).reads == distinct + 1
        assert ReadDay.objects.filter(article=article).aggregate(total=Sum("count"))["total"] == distinct + 1
