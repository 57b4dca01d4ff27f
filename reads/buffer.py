"""The Redis buffer of reads (``READS_BUFFER``): one Lua script per read, flushed by ``flush_reads``.

The dedupe check and the increments run in one script per read, so that "seen?" and
"count" are one atomic step in Redis as they are in the database mode; the pending
increments wait in a hash that ``reads.services.flush_buffer`` moves to the database.
"""

from __future__ import annotations

import functools
from datetime import date

from .conf import Read, buffer_url, read_day, redis_prefix, window_seconds

# KEYS: pending hash, mark key, other mark keys…  ARGV: now, until, window, article field, day field.
# The mark stores its expiry: a mark is "seen" while its value is in the future.
_REGISTER_LUA = """
local now = tonumber(ARGV[1])
local counted = 0
local seen = redis.call('GET', KEYS[2])
if (not seen) or tonumber(seen) <= now then
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
  redis.call('HINCRBY', KEYS[1], ARGV[4], 1)
  redis.call('HINCRBY', KEYS[1], ARGV[5], 1)
  counted = 1
end
for i = 3, #KEYS do
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


@functools.cache
def _redis(url: str):
    """One client (and connection pool) per process and URL, created lazily after fork."""
    import redis

    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    client.newsroom_scripts = {
        "register": client.register_script(_REGISTER_LUA),
        "pending": client.register_script(_PENDING_LUA),
        "claim": client.register_script(_CLAIM_LUA),
    }
    return client


def redis_client():
    url = buffer_url()
    return _redis(url) if url else None


def key_names():
    prefix = redis_prefix()
    return {"pending": prefix + "pending", "batches": prefix + "batches", "mark": prefix + "mark:"}


def register(batch: list[Read]) -> int:
    """The batch as calls of the register script; Redis runs them one after the other."""
    client = _redis(buffer_url())
    script = client.newsroom_scripts["register"]
    keys = key_names()
    window = window_seconds()
    # A batch of one is a plain call; a pipeline costs one more round trip (SCRIPT EXISTS).
    pipe = client.pipeline(transaction=False) if len(batch) > 1 else None
    results = []
    for read in batch:
        now = read.now
        stamp = int(now.timestamp())
        marks = [f"{keys['mark']}{read.article_id}:{identity}" for identity in (read.reader, *read.also)]
        results.append(
            script(
                keys=[keys["pending"], *marks],
                args=[
                    stamp,
                    stamp + window,
                    window,
                    str(read.article_id),
                    f"{read.article_id}:{read_day(now).isoformat()}",
                ],
                client=pipe,
            )
        )
    if pipe is not None:
        results = pipe.execute()
    return sum(int(counted) for counted in results)


def pending_reads(article_id: int) -> int:
    """Reads counted in Redis and not yet in the database (0 in the default mode)."""
    client = redis_client()
    if client is None:
        return 0
    keys = key_names()
    return int(client.newsroom_scripts["pending"](keys=[keys["pending"], keys["batches"]], args=[str(article_id)]))


def pending_days(article_id: int, days: list[date]) -> dict[date, int]:
    """Pending reads of one article per day, for the admin chart."""
    client = redis_client()
    if client is None or not days:
        return {}
    keys = key_names()
    fields = [f"{article_id}:{day.isoformat()}" for day in days]
    hashes = [keys["pending"], *sorted(k.decode() for k in client.smembers(keys["batches"]))]
    pipe = client.pipeline(transaction=False)
    for key in hashes:
        pipe.hmget(key, fields)
    result = {day: 0 for day in days}
    for values in pipe.execute():
        for day, value in zip(days, values, strict=True):
            result[day] += int(value or 0)
    return result
