"""Read counting ("article lu N fois"): exact, honest about bots, cheap under load.

Contracts used by other parts:
- ``displayed_reads(article) -> int``: the figure shown to readers (database + pending buffer).
- ``read_register(*, article_id, reader, now=None) -> bool``: the one service that counts
  (a batch of one of ``register_reads``).
- ``count_read(Read(...))``: what a page view calls; the read joins the worker's queue
  (``ReadQueue``), sent in batches by a thread, or is registered at once when
  ``READS_QUEUE_SECONDS`` is 0.

Two modes share these functions:

- default: a batch of reads is one database statement on PostgreSQL (a
  data-modifying CTE), one short transaction on SQLite. The dedupe mark is an upsert
  on ``ReaderMark`` (primary key article + reader) that only succeeds when there is no
  mark or the old one has expired, so "have we seen this reader?" and "remember this
  reader" are one atomic step; only then are the counters raised, with
  ``UPDATE … SET reads = reads + n`` and an ``INSERT … ON CONFLICT DO UPDATE`` on the
  day's ``ReadDay``. No value is read into Python and written back.
- buffered (``READS_BUFFER``, on by default when ``REDIS_URL`` is set): the same
  check and the increments run in one Lua script per read in Redis (a pipeline per
  batch); ``flush_reads`` moves the pending increments to the database in batches
  (see ``flush_buffer``).

Why not Django's cache ``add()`` for the marks: the local-memory and database caches
are bounded (``MAX_ENTRIES``) and cull entries long before the window is over, which
forgets readers and counts them twice. The table and Redis keep every mark until it
expires (Redis must not run with an ``allkeys-*``/``volatile-*`` eviction policy).

The window is checked against the application's clock (the mark stores its expiry),
in both modes, so that it behaves the same everywhere and tests can freeze time.
"""

from __future__ import annotations

import atexit
import functools
import ipaddress
import logging
import os
import threading
import uuid
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from articles.models import Article

from . import buffer
from .conf import Read, buffer_url, network_cap, queue_seconds, read_day, redis_prefix, window_seconds
from .models import FlushedBatch, NetworkQuota, ReadDay, ReaderMark

__all__ = ["Read", "count_read", "displayed_reads", "flush_buffer", "read_register", "register_reads"]

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# Reader identity.


def _salt() -> str:
    return settings.READS_SALT or settings.SECRET_KEY


def reader_from_cookie(value: str) -> str:
    """The stored identity of a cookie: keyed, so the table never holds a usable cookie."""
    return salted_hmac("newsroom.reads.cookie", value, secret=_salt(), algorithm="sha256").hexdigest()[:32]


def network_from_ip(ip: str) -> str:
    """The keyed identity of the network a reader comes from, for ``READS_NETWORK_CAP``:
    an IPv4 address, or the /64 of an IPv6 one (a subscriber gets a whole /64 and may
    pick any address in it). "" for no usable address: such reads are not capped."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # an IPv4 client seen through a dual-stack socket
    network = str(ipaddress.ip_network(f"{address}/64", strict=False)) if address.version == 6 else str(address)
    return salted_hmac("newsroom.reads.network", network, secret=_salt(), algorithm="sha256").hexdigest()[:32]


def reader_from_client(ip: str, user_agent: str) -> str:
    """The identity of a reader without cookie: a keyed hash; the raw IP is never stored."""
    return salted_hmac("newsroom.reads.client", f"{ip}\n{user_agent}", secret=_salt(), algorithm="sha256").hexdigest()[
        :32
    ]


# ---------------------------------------------------------------------------
# The service.


def read_register(
    *, article_id: int, reader: str, now: datetime | None = None, also: tuple[str, ...] = (), network: str = ""
) -> bool:
    """Count one read of ``article_id`` by ``reader`` unless counted in the last window.

    Returns True when the read was counted. ``also`` lists other identities of the
    same reader to mark without counting: a first visit is counted under the IP/UA
    hash and also marks the cookie just handed out, so that the next page view, which
    brings the cookie, is not counted again within the window. ``network``
    (``network_from_ip``) is held to ``READS_NETWORK_CAP`` new readers per window.
    """
    return register_reads([Read(article_id, reader, tuple(also), now or timezone.now(), network)]) == 1


def register_reads(batch: list[Read]) -> int:
    """Register reads in their order, as ``read_register`` would one after the other, in
    one round trip per backend; returns how many were counted.

    The read queue (below) sends its batches here; ``read_register`` is a batch of one.
    """
    if not batch:
        return 0
    if buffer_url():
        try:
            return buffer.register(batch)
        except buffer.Unavailable:
            pass  # Redis down or hanging: the reads go to the database (the breaker logs it)
    if connection.vendor == "postgresql":
        return _register_postgresql(batch)
    with transaction.atomic(), connection.cursor() as cursor:
        return sum(_register_steps(cursor, read) for read in batch)


def _quoted(model, *fields):
    qn = connection.ops.quote_name
    return (qn(model._meta.db_table), *(qn(model._meta.get_field(f).column) for f in fields))


@functools.cache
def _sql(vendor: str) -> dict[str, str]:  # vendor: one cache entry per backend
    """Portable upserts (SQLite ≥ 3.35 and PostgreSQL share ON CONFLICT and RETURNING)."""
    mark, m_article, m_reader, m_until = _quoted(ReaderMark, "article", "reader", "until")
    quota, q_article, q_network, q_until, q_used = _quoted(NetworkQuota, "article", "network", "until", "used")
    day_table, d_article, d_day, d_count = _quoted(ReadDay, "article", "day", "count")
    article_table, a_id, a_reads = _quoted(Article, "id", "reads")
    return {
        # Inserted, or updated only when the old mark has expired: rowcount says which.
        "mark": (
            f"INSERT INTO {mark} ({m_article}, {m_reader}, {m_until}) VALUES (%s, %s, %s) "
            f"ON CONFLICT ({m_article}, {m_reader}) DO UPDATE SET {m_until} = excluded.{m_until} "
            f"WHERE {mark}.{m_until} <= %s"
        ),
        # A network's quota of the article, raised by one (a fresh window when the old one
        # is over); the answer is the quota used, this read included.
        "quota": (
            f"INSERT INTO {quota} ({q_article}, {q_network}, {q_until}, {q_used}) VALUES (%s, %s, %s, 1) "
            f"ON CONFLICT ({q_article}, {q_network}) DO UPDATE SET "
            f"{q_used} = CASE WHEN {quota}.{q_until} <= %s THEN 1 ELSE {quota}.{q_used} + 1 END, "
            f"{q_until} = CASE WHEN {quota}.{q_until} <= %s THEN excluded.{q_until} ELSE {quota}.{q_until} END "
            f"RETURNING {q_used}"
        ),
        "article": f"UPDATE {article_table} SET {a_reads} = {a_reads} + %s WHERE {a_id} = %s",
        "day": (
            f"INSERT INTO {day_table} ({d_article}, {d_day}, {d_count}) VALUES (%s, %s, %s) "
            f"ON CONFLICT ({d_article}, {d_day}) DO UPDATE SET {d_count} = {day_table}.{d_count} + excluded.{d_count}"
        ),
    }


@functools.cache
def _pg_batch_sql(synchronous: bool) -> str:
    """A batch of reads in one statement on PostgreSQL: one round trip, one commit, and
    each hot article row updated once per batch.

    Parameters: six arrays (article, reader, until, counts, day, network), one row per
    mark, then the window in seconds three times and the network cap. The upsert of a
    mark succeeds only where there was no mark or it had expired at the read's time
    (``until - window``); the rows that succeed and ``counts`` (the reader's own
    identity, not an ``also``) are new readers. Those whose network has not used up its
    quota of the article (``NetworkQuota``; no network: no cap) are the counted reads,
    added to the article and its day with ``+ n``.

    Unless ``READS_SYNCHRONOUS_COMMIT`` is set, the statement's own transaction commits
    without waiting for the WAL flush (``synchronous_commit`` off for it alone): the
    flush wait is most of the cost of a read. The trade-off: if PostgreSQL itself
    crashes, the reads of the last fraction of a second (at most 3 × wal_writer_delay)
    are lost, marks and counters together; nothing is ever counted twice.
    """
    mark, m_article, m_reader, m_until = _quoted(ReaderMark, "article", "reader", "until")
    quota, q_article, q_network, q_until, q_used = _quoted(NetworkQuota, "article", "network", "until", "used")
    day_table, d_article, d_day, d_count = _quoted(ReadDay, "article", "day", "count")
    article_table, a_id, a_reads = _quoted(Article, "id", "reads")
    parts = [] if synchronous else ["async_commit AS (SELECT set_config('synchronous_commit', 'off', true))"]
    parts += [
        "batch AS (SELECT * FROM unnest(%s::bigint[], %s::text[], %s::bigint[], %s::boolean[], %s::date[], "
        "%s::text[]) WITH ORDINALITY AS b(article, reader, until, counts, day, network, ord))",
        # Sorted, so that two batches lock the marks they share in the same order.
        f"marked AS (INSERT INTO {mark} ({m_article}, {m_reader}, {m_until}) "
        f"SELECT article, reader, until FROM batch ORDER BY article, reader "
        f"ON CONFLICT ({m_article}, {m_reader}) DO UPDATE SET {m_until} = excluded.{m_until} "
        f"WHERE {mark}.{m_until} <= excluded.{m_until} - %s::bigint "
        f"RETURNING {m_article} AS article, {m_reader} AS reader)",
        # New readers, ranked within their network (in the batch's order) for the cap.
        "fresh AS (SELECT article, day, network, until, "
        "row_number() OVER (PARTITION BY article, network ORDER BY ord) AS rank, "
        "count(*) OVER (PARTITION BY article, network) AS n "
        "FROM batch JOIN marked USING (article, reader) WHERE counts)",
        # Each network's quota of the article, raised by its new readers (a fresh window
        # when the old one is over); ``used - n`` is what it had used before this batch.
        f"taken AS (INSERT INTO {quota} ({q_article}, {q_network}, {q_until}, {q_used}) "
        f"SELECT article, network, max(until), count(*) FROM fresh WHERE network <> '' "
        f"GROUP BY article, network ORDER BY article, network "
        f"ON CONFLICT ({q_article}, {q_network}) DO UPDATE SET "
        f"{q_used} = CASE WHEN {quota}.{q_until} <= excluded.{q_until} - %s::bigint THEN excluded.{q_used} "
        f"ELSE {quota}.{q_used} + excluded.{q_used} END, "
        f"{q_until} = CASE WHEN {quota}.{q_until} <= excluded.{q_until} - %s::bigint THEN excluded.{q_until} "
        f"ELSE {quota}.{q_until} END "
        f"RETURNING {q_article} AS article, {q_network} AS network, {q_used} AS used)",
        "counted AS (SELECT fresh.article, fresh.day FROM fresh LEFT JOIN taken USING (article, network) "
        "WHERE fresh.network = '' OR fresh.rank <= %s::bigint - (taken.used - fresh.n))",
        f"bumped AS (UPDATE {article_table} SET {a_reads} = {article_table}.{a_reads} + per_article.n "
        f"FROM (SELECT article, count(*) AS n FROM counted GROUP BY article) AS per_article "
        f"WHERE {article_table}.{a_id} = per_article.article)",
        # A mark has no foreign key; a daily bucket has: skip articles deleted meanwhile.
        f"daily AS (INSERT INTO {day_table} ({d_article}, {d_day}, {d_count}) "
        f"SELECT article, day, count(*) FROM counted "
        f"WHERE EXISTS (SELECT 1 FROM {article_table} WHERE {a_id} = counted.article) "
        f"GROUP BY article, day ORDER BY article, day "
        f"ON CONFLICT ({d_article}, {d_day}) DO UPDATE SET {d_count} = {day_table}.{d_count} + excluded.{d_count})",
    ]
    select = "SELECT (SELECT count(*) FROM counted)" + ("" if synchronous else " FROM async_commit")
    return "WITH " + ", ".join(parts) + " " + select


def _pg_statements(batch: list[Read], window: int) -> list[list[tuple]]:
    """The batch as rows of ``_pg_batch_sql``, split so that no statement upserts a mark
    twice (PostgreSQL refuses that).

    A mark already written earlier in the batch and still valid at a later read makes
    that read a repeat, as it would be one read after the other: it is left out. Only a
    mark that expired within the batch (a window shorter than a batch) needs a new
    statement after the first.
    """
    statements, rows, valid_until = [], [], {}
    for read in batch:
        now = read.now
        stamp, day = int(now.timestamp()), read_day(now)
        for identity, counts in ((read.reader, True), *((other, False) for other in read.also)):
            key = (read.article_id, identity)
            if key in valid_until:
                if valid_until[key] > stamp:
                    continue
                statements.append(rows)
                rows, valid_until = [], {}
            valid_until[key] = stamp + window
            rows.append((read.article_id, identity, stamp + window, counts, day, read.network if counts else ""))
    statements.append(rows)
    return statements


def _register_postgresql(batch: list[Read]) -> int:
    sql = _pg_batch_sql(bool(settings.READS_SYNCHRONOUS_COMMIT))
    window = window_seconds()
    statements = _pg_statements(batch, window)
    for attempt in range(3):
        try:
            with transaction.atomic() if len(statements) > 1 else nullcontext(), connection.cursor() as cursor:
                counted = 0
                for rows in statements:
                    columns = [list(column) for column in zip(*rows, strict=True)]
                    cursor.execute(sql, [*columns, window, window, window, network_cap()])
                    counted += cursor.fetchone()[0]
                return counted
        except OperationalError as error:
            # Two batches sharing several articles may lock them in opposite orders:
            # PostgreSQL cancels one of the statements, which is then safe to run again.
            if attempt == 2 or getattr(error.__cause__, "sqlstate", None) != "40P01":
                raise
    raise AssertionError("unreachable")


def _register_steps(cursor, read: Read) -> bool:
    """SQLite has no data-modifying CTE: the same steps, inside the caller's transaction
    (SQLite serialises writers, so the upserts' answers are just as atomic)."""
    sql = _sql(connection.vendor)
    stamp = int(read.now.timestamp())
    until = stamp + window_seconds()
    cursor.execute(sql["mark"], [read.article_id, read.reader, until, stamp])
    counted = cursor.rowcount == 1
    for other in read.also:
        cursor.execute(sql["mark"], [read.article_id, other, until, stamp])
    if counted and read.network and network_cap():
        cursor.execute(sql["quota"], [read.article_id, read.network, until, stamp, stamp])
        counted = cursor.fetchone()[0] <= network_cap()
    if counted:
        cursor.execute(sql["article"], [1, read.article_id])
        cursor.execute(sql["day"], [read.article_id, connection.ops.adapt_datefield_value(read_day(read.now)), 1])
    return counted


# ---------------------------------------------------------------------------
# Off the request path: reads queued in the worker, sent in batches by a thread.


class ReadQueue:
    """The reads of one process, sent by one daemon thread every ``READS_QUEUE_SECONDS``.

    A page view then costs an append to a list instead of a round trip to the
    database or Redis; the thread sends what piled up in one ``register_reads`` call,
    so a batch costs one round trip and one commit. What this trades:

    - the figure on the page lags by that interval more (half a second by default);
    - reads still in the queue when the worker is killed outright (SIGKILL, the OOM
      killer, a crash of the interpreter) are lost; an exit through Python (restart,
      ``max_requests``, SIGTERM, SIGQUIT, and gunicorn's SIGABRT on a timeout once the
      stuck call returns) sends them first (``atexit``). Nothing is ever counted twice;
    - a reader seen twice within one batch is counted once, as the window wants.

    When the queue holds ``READS_QUEUE_MAX`` reads the thread is woken early; at ten
    times that (the database or Redis too slow or down) requests send their own read,
    as with the queue off, so that the queue never grows without bound.
    """

    def __init__(self, *, thread: bool = True):
        self._uses_thread = thread  # False: sent only by send() (tests)
        self._reset()
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self):
        """A fresh state: in a forked child the parent's reads are the parent's to send."""
        self._lock = threading.Lock()
        self._sending = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._items: list[Read] = []
        self._thread = None

    def put(self, read: Read) -> None:
        limit = int(settings.READS_QUEUE_MAX)
        with self._lock:
            if self._thread is None and self._uses_thread:
                self._start()
            waiting = len(self._items)
            if waiting < 10 * limit:
                self._items.append(read)
                if waiting + 1 >= limit:
                    self._wake.set()
                return
        register_reads([read])  # backpressure: the thread cannot keep up

    def _start(self):
        self._thread = threading.Thread(target=self._run, name="newsroom-reads", daemon=True)
        self._thread.start()
        atexit.register(self.send)

    def _run(self):
        while not self._stopping.is_set():
            self._wake.wait(queue_seconds() or 1.0)
            self._wake.clear()
            self.send()
        connection.close()  # the thread's own connection

    def stop(self) -> None:
        """Send what is queued and end the thread (the thread also ends with the process)."""
        if self._thread is not None:
            self._stopping.set()
            self._wake.set()
            self._thread.join(timeout=10)
            self._thread = None
        self.send()

    def send(self) -> int:
        """Register every queued read now; returns how many were counted."""
        with self._sending:
            with self._lock:
                batch, self._items = self._items, []
            if not batch:
                return 0
            for attempt in (1, 2):
                try:
                    return register_reads(batch)
                except Exception:  # noqa: BLE001 - the thread must survive an outage
                    # Sending a batch again is safe: a read that did reach the store
                    # left its mark there and is not counted a second time.
                    connection.close()  # e.g. PostgreSQL restarted: start a fresh connection
                    if attempt == 2:
                        logger.exception("reads: %d queued read(s) could not be registered", len(batch))
            return 0

    def __len__(self):
        return len(self._items)


QUEUE = ReadQueue()


def count_read(read: Read) -> None:
    """What the page view calls: queued when ``READS_QUEUE_SECONDS`` > 0, else registered now."""
    if queue_seconds() > 0:
        QUEUE.put(read)
    else:
        register_reads([read])


def apply_counts(counts: dict[tuple[int, date], int]) -> int:
    """Add {(article_id, day): n} to the articles and their daily buckets; return the total.

    Runs inside the caller's transaction. Articles deleted since the reads are skipped
    (their rows are locked first, in id order, so none disappears half-way).
    """
    ids = sorted({article_id for article_id, _ in counts})
    existing = set(Article.objects.filter(pk__in=ids).order_by("pk").select_for_update().values_list("pk", flat=True))
    totals: dict[int, int] = {}
    day_rows = []
    for (article_id, day), n in counts.items():
        if article_id in existing and n > 0:
            totals[article_id] = totals.get(article_id, 0) + n
            day_rows.append([article_id, connection.ops.adapt_datefield_value(day), n])
    if not totals:
        return 0
    sql = _sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.executemany(sql["article"], [[n, article_id] for article_id, n in sorted(totals.items())])
        cursor.executemany(sql["day"], sorted(day_rows))
    return sum(totals.values())


def purge_marks(now: datetime | None = None) -> int:
    """Delete expired dedupe marks (run by ``flush_reads``); returns how many."""
    stamp = int((now or timezone.now()).timestamp())
    deleted, _ = ReaderMark.objects.filter(until__lte=stamp).delete()
    NetworkQuota.objects.filter(until__lte=stamp).delete()
    return deleted


# ---------------------------------------------------------------------------
# From the Redis buffer to the database.


@dataclass
class FlushResult:
    batches: int = 0
    reads: int = 0
    skipped: int = 0  # batches found already written (crash after commit)
    purged_marks: int = 0


def _parse_batch(raw: dict) -> dict[tuple[int, date], int]:
    counts = {}
    for name, value in raw.items():
        name = name.decode() if isinstance(name, bytes) else name
        if ":" not in name:
            continue  # the per-article totals mirror the per-day fields; those are what we write
        article_id, day = name.split(":", 1)
        counts[(int(article_id), date.fromisoformat(day))] = int(value)
    return counts


def _write_batch(client, key: str, result: FlushResult) -> None:
    keys = buffer.key_names()
    batch_id = key.rsplit(":", 1)[-1]
    counts = _parse_batch(client.hgetall(key))
    if counts:
        try:
            with transaction.atomic():
                record = FlushedBatch.objects.create(batch_id=batch_id)
                record.reads = apply_counts(counts)
                record.save(update_fields=["reads"])
            result.batches += 1
            result.reads += record.reads
        except IntegrityError:
            if not FlushedBatch.objects.filter(pk=batch_id).exists():
                raise
            result.skipped += 1  # written by an earlier run that died before the cleanup
    pipe = client.pipeline(transaction=True)
    pipe.delete(key)
    pipe.srem(keys["batches"], key)
    pipe.execute()


def flush_buffer(*, progress=None) -> FlushResult:
    """Move pending reads from Redis to the database; safe to run at any time, in parallel.

    1. Batches left by a run that died are taken first (the set of batches).
    2. The pending hash is renamed to a new batch key atomically: traffic goes on
       into a fresh pending hash, nothing is lost between the read and the write.
    3. Each batch is written in one transaction that also records its id in
       ``FlushedBatch``; a second writer of the same batch (a parallel run, or a rerun
       after a crash between commit and cleanup) hits the primary key and skips it.
    4. The batch is deleted from Redis.

    ``progress`` (a common.progress.Progress) is told of each batch written: after an
    outage, batches left by dead runs pile up.
    """
    result = FlushResult()
    client = buffer.redis_client()
    if client is None:
        return result
    keys = buffer.key_names()
    new_key = f"{redis_prefix()}batch:{uuid.uuid4().hex}"
    client.newsroom_scripts["claim"](keys=[keys["pending"], keys["batches"], new_key])
    batch_keys = sorted(k.decode() for k in client.smembers(keys["batches"]))
    if progress is not None:
        progress.total = len(batch_keys)
    for key in batch_keys:
        _write_batch(client, key, result)
        if progress is not None:
            progress.advance()
    return result


def purge_flushed_batches(now: datetime | None = None) -> int:
    """Forget batch ids long after their batch left Redis."""
    days = int(settings.READS_BATCH_RETENTION_DAYS)
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _ = FlushedBatch.objects.filter(flushed_at__lt=cutoff).delete()
    return deleted


# ---------------------------------------------------------------------------
# What pages show.


def displayed_reads(article) -> int:
    """Database figure plus what waits in the buffer; never fails a page over a counter."""
    try:
        return article.reads + buffer.pending_reads(article.pk)
    except buffer.Unavailable:  # Redis down: the database figure (the breaker logs it)
        return article.reads
