"""The Redis buffer of reads (``READS_BUFFER``): one Lua script per read, flushed by ``flush_reads``.

The dedupe check and the increments run in one script per read, so that "seen?" and
"count" are one atomic step in Redis as they are in the database mode; the pending
increments wait in a hash that ``reads.services.flush_buffer`` moves to the database.

Redis is an accelerator here, never a single point of failure: the client has short
timeouts and no retries, and a Redis that failed is skipped for a few seconds (the
``BREAKER``); every call the page or the counter makes raises ``Unavailable`` then,
and the callers fall back to the database (reads are written there, the counter shows
the database figure).
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from contextlib import contextmanager
from datetime import date

import redis
from django.conf import settings
from redis.backoff import NoBackoff
from redis.retry import Retry

from .conf import Read, buffer_url, network_cap, read_day, redis_prefix, window_seconds

logger = logging.getLogger(__name__)

# KEYS: pending hash, mark key, network quota key, other mark keys…
# ARGV: now, until, window, article field, day field, network cap (0: none).
# The mark stores its expiry: a mark is "seen" while its value is in the future. A new
# reader takes one from its network's quota of the article (a hash: the window's end
# and the reads used in it); past the cap the reader is marked but not counted.
_REGISTER_LUA = """
local now = tonumber(ARGV[1])
local cap = tonumber(ARGV[6])
local counted = 0
local seen = redis.call('GET', KEYS[2])
if (not seen) or tonumber(seen) <= now then
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
  local allowed = true
  if cap > 0 then
    if tonumber(redis.call('HGET', KEYS[3], 'until') or '0') <= now then
      redis.call('HSET', KEYS[3], 'until', ARGV[2], 'used', 0)
      redis.call('EXPIRE', KEYS[3], ARGV[3])
    end
    allowed = redis.call('HINCRBY', KEYS[3], 'used', 1) <= cap
  end
  if allowed then
    redis.call('HINCRBY', KEYS[1], ARGV[4], 1)
    redis.call('HINCRBY', KEYS[1], ARGV[5], 1)
    counted = 1
  end
end
for i = 4, #KEYS do
  local other = redis.call('GET', KEYS[i])
  if (not other) or tonumber(other) <= now then
    redis.call('SET', KEYS[i], ARGV[2], 'EX', ARGV[3])
  end
end
return counted
"""

# KEYS: pending hash, set of batches being flushed.  ARGV: article field.
_PENDING_LUA = """
local total = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
for _, key in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  total = total + tonumber(redis.call('HGET', key, ARGV[1]) or '0')
end
return total
"""

# KEYS: pending hash, set of batches, new batch key. Renames and records in one step,
# so a crash can never leave a batch that nobody knows about.
_CLAIM_LUA = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[3])
redis.call('SADD', KEYS[2], KEYS[3])
return 1
"""


class Unavailable(Exception):
    """The buffer did not answer (or is being skipped): the caller uses the database."""


class Breaker:
    """Skips a Redis that just failed, for ``READS_REDIS_COOLDOWN`` seconds, per URL.

    A dead Redis then costs one timeout per worker and cooldown instead of one per
    request; the first call after the cooldown tries again. Logged once per outage.
    """

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._open_until: dict[str, float] = {}

    def allows(self, url: str) -> bool:
        return self._clock() >= self._open_until.get(url, 0.0)

    def failed(self, url: str, error: Exception) -> None:
        with self._lock:
            was_closed = url not in self._open_until
            self._open_until[url] = self._clock() + float(settings.READS_REDIS_COOLDOWN)
        if was_closed:
            logger.warning("reads: Redis buffer unreachable (%s); reads go to the database", error)

    def succeeded(self, url: str) -> None:
        if url in self._open_until:
            with self._lock:
                if self._open_until.pop(url, None) is not None:
                    logger.warning("reads: Redis buffer answers again")

    def reset(self) -> None:
        with self._lock:
            self._open_until.clear()


BREAKER = Breaker()


@contextmanager
def guarded(url: str):
    """Runs a Redis call under the breaker: raises ``Unavailable`` instead of waiting on
    a Redis known to be down, or of passing on a connection error or timeout."""
    if not BREAKER.allows(url):
        raise Unavailable(url)
    try:
        yield
    except redis_errors() as error:
        BREAKER.failed(url, error)
        raise Unavailable(url) from error
    BREAKER.succeeded(url)


@functools.cache
def _redis(url: str):
    """One client (and connection pool) per process and URL, created lazily after fork.

    Short timeouts and no retry: a Redis that does not answer at once is treated as
    down (the breaker then skips it) rather than holding the reader's request.
    """
    timeout = float(settings.READS_REDIS_TIMEOUT)
    client = redis.Redis.from_url(
        url, socket_timeout=timeout, socket_connect_timeout=timeout, retry=Retry(NoBackoff(), 0)
    )
    client.newsroom_scripts = {
        "register": client.register_script(_REGISTER_LUA),
        "pending": client.register_script(_PENDING_LUA),
        "claim": client.register_script(_CLAIM_LUA),
    }
    return client


def redis_errors() -> tuple[type[Exception], ...]:
    """What a Redis that is down, hanging or refusing writes raises."""
    return (redis.RedisError, OSError)


def redis_client():
    url = buffer_url()
    return _redis(url) if url else None


def key_names():
    prefix = redis_prefix()
    return {
        "pending": prefix + "pending",
        "batches": prefix + "batches",
        "mark": prefix + "mark:",
        "quota": prefix + "quota:",
    }


def register(batch: list[Read]) -> int:
    """The batch as calls of the register script; Redis runs them one after the other.

    Raises ``Unavailable`` when Redis fails or is being skipped: the caller then writes
    the batch to the database. A batch that timed out after Redis ran it is then
    counted in both (only the reads in flight at the failure); none is ever lost.
    """
    url = buffer_url()
    keys = key_names()
    window = window_seconds()
    cap = network_cap()
    calls = []
    for read in batch:
        stamp = int(read.now.timestamp())
        mark, *others = [f"{keys['mark']}{read.article_id}:{identity}" for identity in (read.reader, *read.also)]
        quota = f"{keys['quota']}{read.article_id}:{read.network}"
        day_field = f"{read.article_id}:{read_day(read.now).isoformat()}"
        args = [stamp, stamp + window, window, str(read.article_id), day_field, cap if read.network else 0]
        calls.append(([keys["pending"], mark, quota, *others], args))
    with guarded(url):
        script = _redis(url).newsroom_scripts["register"]
        if len(calls) == 1:  # a plain call; a pipeline costs one more round trip (SCRIPT EXISTS)
            results = [script(keys=calls[0][0], args=calls[0][1])]
        else:
            pipe = _redis(url).pipeline(transaction=False)
            for call_keys, args in calls:
                script(keys=call_keys, args=args, client=pipe)
            results = pipe.execute()
    return sum(int(counted) for counted in results)


def pending_reads(article_id: int) -> int:
    """Reads counted in Redis and not yet in the database (0 in the default mode)."""
    url = buffer_url()
    if not url:
        return 0
    keys = key_names()
    with guarded(url):
        script = _redis(url).newsroom_scripts["pending"]
        return int(script(keys=[keys["pending"], keys["batches"]], args=[str(article_id)]))


def pending_days(article_id: int, days: list[date]) -> dict[date, int]:
    """Pending reads of one article per day, for the admin chart."""
    url = buffer_url()
    if not url or not days:
        return {}
    keys = key_names()
    fields = [f"{article_id}:{day.isoformat()}" for day in days]
    with guarded(url):
        client = _redis(url)
        hashes = [keys["pending"], *sorted(k.decode() for k in client.smembers(keys["batches"]))]
        pipe = client.pipeline(transaction=False)
        for key in hashes:
            pipe.hmget(key, fields)
        answers = pipe.execute()
    result = {day: 0 for day in days}
    for values in answers:
        for day, value in zip(days, values, strict=True):
            result[day] += int(value or 0)
    return result
