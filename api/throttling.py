"""Request quotas of the API: per token for the newsroom's clients, per address for the rest.

A fixed window counted with ``cache.add`` + ``cache.incr`` (atomic in Redis, shared by
every app server) instead of ninja's default log of timestamps, which reads and
rewrites a list of every recent request on each call.
"""

import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

from common.http import client_ip

from .auth import ANONYMOUS


def _parse(rate: str) -> tuple[int, int]:
    count, _, period = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[:1] or "s"]
    return int(count), seconds


class WindowThrottle(BaseThrottle):
    scope = ""

    def identity(self, request) -> str | None:
        raise NotImplementedError

    def rate(self) -> str:
        raise NotImplementedError

    def allow_request(self, request) -> bool:
        ident = self.identity(request)
        if ident is None:
            return True
        limit, seconds = _parse(self.rate())
        now = time.time()
        window = int(now // seconds)
        self.retry_after = seconds - (now % seconds)
        key = f"api-rate:{self.scope}:{ident}:{window}"
        cache.add(key, 0, timeout=seconds + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=seconds + 1)
            count = 1
        return count <= limit

    def wait(self):
        return getattr(self, "retry_after", None)


class AddressThrottle(WindowThrottle):
    """Requests without a token, per client address (the trusted proxy's last hop)."""

    scope = "address"

    def identity(self, request):
        return client_ip(request) if getattr(request, "auth", ANONYMOUS) is ANONYMOUS else None

    def rate(self):
        return settings.API_RATE_ANONYMOUS


class TokenThrottle(WindowThrottle):
    """Requests with a token, per token: an app's many users share one token."""

    scope = "token"

    def identity(self, request):
        token = getattr(request, "auth", ANONYMOUS)
        return None if token is ANONYMOUS else str(token.pk)

    def rate(self):
        return settings.API_RATE_TOKEN
