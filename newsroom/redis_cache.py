"""Django's Redis cache, made an accelerator that can fail: a dead Redis is a cache miss.

Two changes to Django's built-in backend:

- **One ``redis.Redis`` client per connection pool.** Django 5.2's
  ``RedisCacheClient.get_client()`` builds a new ``redis.Redis`` object for every cache
  call; building one costs about as much as the round trip itself (see bench/README.md,
  Throughput), and a page served from the page cache makes two or three calls. A client
  only holds its pool and is safe to share between threads, so one per pool serves.
- **Fail soft behind a circuit breaker.** With Redis refused, hanging or out of memory a
  cache call answers as an empty cache would (``get`` gives the default, ``add`` and
  ``delete`` give False, ``set`` does nothing, ``incr`` raises the ``ValueError`` of a
  missing key) instead of turning every page into a 500. A connection error or a timeout
  opens the breaker of this process: for ``REDIS_CIRCUIT_SECONDS`` no call goes to Redis
  at all, so a hanging Redis costs one socket timeout per process and period, not one per
  call. Then a single call probes it; the first success closes the breaker. Failures are
  logged at most once per ``REDIS_ERROR_LOG_SECONDS`` with the number of calls skipped
  meanwhile, so an outage cannot flood the logs. This is what django-redis calls
  ``IGNORE_EXCEPTIONS``, kept on Django's own backend and extended with the breaker.

Callers therefore never see a Redis error from the default cache; code that must not
lose data when Redis is gone (the read buffer) keeps its own client and fallback.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient

logger = logging.getLogger(__name__)


class CircuitBreaker:
    """Whether this process should try Redis at all, shared by every thread and cache call.

    Closed: every call goes through. Open (after a connection error or a timeout): calls
    are skipped until ``open_until``; then one caller gets to probe while the others keep
    skipping, and its success closes the breaker.
    """

    def __init__(self, name: str):
        self.name = name
        self.failing = False
        self.open_until = 0.0
        self.skipped = 0
        self.errors = 0
        self.last_log = None
        self.lock = threading.Lock()

    @staticmethod
    def _seconds(name, default):
        return float(getattr(settings, name, default))

    def allow(self) -> bool:
        if not self.failing:  # the common case costs one attribute read
            return True
        now = time.monotonic()
        with self.lock:
            if now < self.open_until:
                self.skipped += 1
                return False
            # This caller probes; the others keep skipping until it has answered.
            self.open_until = now + self._seconds("REDIS_CIRCUIT_SECONDS", 5)
            return True

    def succeeded(self) -> None:
        if self.failing:
            with self.lock:
                if self.failing:
                    self.failing = False
                    self.last_log = None
                    logger.warning(
                        "Redis cache %s answers again (%d calls skipped, %d errors during the outage)",
                        self.name,
                        self.skipped,
                        self.errors,
                    )
                    self.skipped = self.errors = 0

    def failed(self, error: Exception, *, trip: bool) -> None:
        now = time.monotonic()
        with self.lock:
            self.errors += 1
            if trip:
                self.failing = True
                self.open_until = now + self._seconds("REDIS_CIRCUIT_SECONDS", 5)
            interval = self._seconds("REDIS_ERROR_LOG_SECONDS", 60)
            if self.last_log is not None and now - self.last_log < interval:
                return
            self.last_log = now
            skipped, errors = self.skipped, self.errors
        logger.warning(
            "Redis cache %s unavailable, served as a cache miss (%s: %s; %d errors and %d skipped calls since the "
            "last report; next report in %d s at the earliest)",
            self.name,
            type(error).__name__,
            error,
            errors,
            skipped,
            interval,
        )


_breakers: dict[tuple, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(servers) -> CircuitBreaker:
    """The breaker of these servers in this process (Django makes one cache object per thread)."""
    key = tuple(servers)
    breaker = _breakers.get(key)
    if breaker is None:
        with _breakers_lock:
            breaker = _breakers.setdefault(key, CircuitBreaker(",".join(_redact(s) for s in servers)))
    return breaker


def _redact(url: str) -> str:
    """A Redis URL without its password, fit for a log line."""
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        rest = "***@" + rest.rpartition("@")[2]
    return scheme + sep + rest


class _Missing:
    """Marks an operation whose fail-soft answer is to raise (``incr`` of a missing key)."""


def _guarded(name, fallback):
    parent = getattr(DjangoRedisCacheClient, name)

    def method(self, *args, **kwargs):
        breaker = self._breaker
        if breaker.allow():
            try:
                result = parent(self, *args, **kwargs)
            except self._lib.ConnectionError as error:  # refused, reset, or timed out (a subclass)
                breaker.failed(error, trip=True)
            except self._lib.TimeoutError as error:
                breaker.failed(error, trip=True)
            except self._lib.RedisError as error:  # e.g. OOM under noeviction: reads still work
                breaker.failed(error, trip=False)
            else:
                breaker.succeeded()
                return result
        if fallback is _Missing:
            raise ValueError("Key not found (Redis unavailable).")
        return fallback(*args) if callable(fallback) else fallback

    method.__name__ = name
    method.__doc__ = f"{parent.__doc__ or name}: fails soft when Redis is unavailable."
    return method


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, servers, *args, **kwargs):
        super().__init__(servers, *args, **kwargs)
        self._clients = {}
        self._breaker = breaker_for(servers)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    # What an empty cache would answer; the arguments are those of the parent's method.
    add = _guarded("add", False)
    get = _guarded("get", lambda key, default: default)
    set = _guarded("set", None)
    touch = _guarded("touch", False)
    delete = _guarded("delete", False)
    get_many = _guarded("get_many", lambda keys: {})
    has_key = _guarded("has_key", False)
    incr = _guarded("incr", _Missing)
    set_many = _guarded("set_many", None)
    delete_many = _guarded("delete_many", None)
    clear = _guarded("clear", False)


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
