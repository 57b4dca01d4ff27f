"""Exactness under concurrency, on PostgreSQL: no lost update, no double count.

Every thread has its own database connection (closed at the end) and they all start
at the same instant on a barrier.
"""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from articles.models import Article
from reads import buffer
from reads import services as reads
from reads.models import ReadDay
from tests.factories import ArticleFactory

DISTINCT = 40
DUPLICATES = 10  # threads reading as one and the same reader


def run_at_once(tasks):
    barrier = threading.Barrier(len(tasks))

    def run(task):
        try:
            barrier.wait(timeout=30)
            return task()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        return list(pool.map(run, tasks))


def readers_tasks(article_id, now):
    tasks = [
        (lambda n=n: reads.read_register(article_id=article_id, reader=f"reader-{n}", now=now)) for n in range(DISTINCT)
    ]
    tasks += [
        (lambda: reads.read_register(article_id=article_id, reader="same-reader", now=now)) for _ in range(DUPLICATES)
    ]
    return tasks


@pytest.fixture
def article(postgres):
    return ArticleFactory()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("synchronous", [False, True])
def test_concurrent_reads_count_each_distinct_reader_exactly_once(article, settings, synchronous):
    settings.READS_BUFFER = False
    settings.READS_SYNCHRONOUS_COMMIT = synchronous
    now = dt.datetime.now(dt.UTC)
    results = run_at_once(readers_tasks(article.pk, now))
    assert sum(results) == DISTINCT + 1
    assert Article.objects.get(pk=article.pk).reads == DISTINCT + 1
    assert ReadDay.objects.get(article=article).count == DISTINCT + 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_reads_and_flushes_with_redis_count_exactly(article, settings, redis_url):
    settings.READS_BUFFER = True
    settings.READS_REDIS_URL = redis_url
    now = dt.datetime.now(dt.UTC)
    tasks = readers_tasks(article.pk, now)
    tasks += [reads.flush_buffer for _ in range(4)]  # flushes racing with the traffic and each other
    results = run_at_once(tasks)
    assert sum(r for r in results if isinstance(r, bool)) == DISTINCT + 1
    reads.flush_buffer()
    assert Article.objects.get(pk=article.pk).reads == DISTINCT + 1
    assert ReadDay.objects.get(article=article).count == DISTINCT + 1
    assert buffer.pending_reads(article.pk) == 0


@pytest.mark.django_db(transaction=True)
def test_asynchronous_commit_applies_to_the_read_alone(article, settings):
    settings.READS_BUFFER = False
    settings.READS_SYNCHRONOUS_COMMIT = False
    assert reads.read_register(article_id=article.pk, reader="r1") is True
    assert reads.read_register(article_id=article.pk, reader="r1") is False
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"  # the connection's other writes still wait for the WAL
    assert Article.objects.get(pk=article.pk).reads == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("buffered", [False, True])
def test_concurrent_readers_of_one_network_are_held_to_the_cap(article, settings, buffered, request):
    settings.READS_NETWORK_CAP = 7
    settings.READS_BUFFER = buffered
    if buffered:
        settings.READS_REDIS_URL = request.getfixturevalue("redis_url")
    now = dt.datetime.now(dt.UTC)
    tasks = [
        (lambda n=n: reads.read_register(article_id=article.pk, reader=f"ua-{n}", now=now, network="one-office"))
        for n in range(DISTINCT)
    ]
    assert sum(run_at_once(tasks)) == 7
    reads.flush_buffer()
    assert Article.objects.get(pk=article.pk).reads == 7
