"""Versions of cache tags ("article:12", "category:3", "home"…), shared by every cache
that follows them.

A cached thing (a page in ``newsroom.cache``, an article's fragments in
``articles.fragments``) is stored with the version of each tag it shows; an editor's
action bumps the versions of the tags it touches (``invalidate_tags``), and the next
reader sees a changed version and rebuilds. The invalidation counter moves with every
invalidation: a build that saw it move may have read outdated rows and is not stored.
"""

import random
import time
import uuid

from django.core.cache import cache

SEQUENCE_KEY = "tagv-sequence"


def tag_key(tag: str) -> str:
    return f"tagv:{tag}"


def tag_versions(tags) -> dict:
    """Current version of each tag; a tag never seen (or evicted) gets a fresh one."""
    keys = {tag_key(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    for key in keys.keys() - found.keys():
        token = uuid.uuid4().hex
        # add() keeps the first writer's token when two processes race.
        if not cache.add(key, token, timeout=None):
            token = cache.get(key, token)
        found[key] = token
    return {keys[key]: version for key, version in found.items()}


def _new_sequence_start() -> int:
    # Random: a counter lost (evicted, flushed) and created again must not come back to
    # a value that stamps of pages stored before still hold.
    return random.randrange(1 << 40)


def sequence() -> int | None:
    """The invalidation counter: one round trip, two only when it must be created.
    None when the cache cannot be reached."""
    value = cache.get(SEQUENCE_KEY)
    if value is None:
        cache.add(SEQUENCE_KEY, _new_sequence_start(), timeout=None)
        value = cache.get(SEQUENCE_KEY)
    return value


def _bump_sequence() -> None:
    cache.add(SEQUENCE_KEY, _new_sequence_start(), timeout=None)
    try:
        cache.incr(SEQUENCE_KEY)
    except ValueError:  # evicted between add() and incr()
        cache.set(SEQUENCE_KEY, _new_sequence_start(), timeout=None)


def invalidate_tags(*tags) -> None:
    """Everything cached that showed one of ``tags`` is rebuilt on its next request.

    The counter moves before the tags' versions change, so that a build running while
    this runs sees it move and is not stored, and once more after, so that a reader who
    checked the versions between the two steps (and found them unchanged) never stamps
    a page as valid at the final counter value (see ``newsroom.cache``).
    """
    tags = {tag for tag in tags if tag}
    if not tags:
        return
    _bump_sequence()
    cache.set_many({tag_key(tag): uuid.uuid4().hex for tag in tags}, timeout=None)
    _bump_sequence()


def stamp_key(key: str) -> str:
    """Where the counter value at which the entry under ``key`` was last found valid is kept."""
    return key + ":valid-at"


def fresh(key: str):
    """The entry stored under ``key`` by ``store()``, if none of its tags changed since.

    One round trip while nothing was invalidated anywhere: the entry, its stamp and the
    counter in one ``get_many``; the stamp equals the counter when nothing moved since
    the entry was stored or last checked. When the counter moved, the versions of the
    entry's own tags decide (a second round trip) and the stamp is renewed, so the next
    reader is back to one round trip.
    """
    stamp = stamp_key(key)
    found = cache.get_many([key, stamp, SEQUENCE_KEY])
    entry, counter = found.get(key), found.get(SEQUENCE_KEY)
    if entry is None or entry["until"] <= time.time():
        return None
    if counter is not None and found.get(stamp) == counter:
        return entry
    if not unchanged(entry["versions"]):
        return None
    if counter is not None:
        cache.set(stamp, counter, max(1, int(entry["until"] - time.time())))
    return entry


def versions_since(tags, before: int | None) -> dict | None:
    """The versions of ``tags``, to stamp a value built from rows read after the counter
    was ``before``; None if anything was invalidated since (the rows may be outdated),
    or the cache cannot be reached."""
    if before is None:
        return None
    versions = tag_versions(tags)
    if sequence() != before:
        return None
    return versions


def unchanged(versions: dict) -> bool:
    """Whether none of the tags stamped with ``versions`` changed since: one round trip."""
    return tag_versions(versions) == versions


def store(key: str, value, tags, *, before: int | None, seconds: float) -> bool:
    """Keep ``value`` under ``key`` for ``seconds`` while none of ``tags`` changes.

    ``before`` is the counter (``sequence()``) read before the rows behind ``value``
    were: if anything was invalidated since, ``value`` may be outdated and is not kept.
    Returns whether it was kept.
    """
    if seconds <= 0:
        return False
    versions = versions_since(tags, before)
    if versions is None:
        return False
    entry = {"value": value, "versions": versions, "until": time.time() + seconds}
    timeout = max(1, int(seconds) + 1)
    cache.set_many({key: entry, stamp_key(key): before}, timeout)
    return True


def kept(key: str, tags, build, *, seconds):
    """``build()``'s value, kept under ``key`` while none of ``tags`` changed.

    ``seconds`` (a number, or a function called after the build) bounds its life; 0 or
    less keeps nothing. None is never kept: it says "nothing yet", and the next call asks
    again. A build during which something was invalidated may have read outdated rows
    and is not kept; with the cache unreachable every call builds.
    """
    entry = fresh(key)
    if entry is not None:
        return entry["value"]
    before = sequence()
    value = build()
    if value is not None:
        store(key, value, tags, before=before, seconds=seconds() if callable(seconds) else seconds)
    return value
