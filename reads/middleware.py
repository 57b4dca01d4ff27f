"""Counts article reads from the response, so that pages served from a cache count too.

The article view marks a public article's response with ``X-Article-Id``; the page
cache stores that header with the page. This middleware sits outside any page-cache
middleware (right after the sessions), so it sees every response, fresh or cached,
and counts it when a human reader got the page.

The header is left on the response: with Django's usual site-cache layout
(``UpdateCacheMiddleware`` first in MIDDLEWARE) the cache stores the response after
this middleware has run, and stripping the header would leave cached hits uncounted.
"""

import functools
import logging
import re
import secrets

import crawleruseragents
from django.conf import settings

from common.http import ARTICLE_ID_HEADER, client_ip

from . import services as reads
from .conf import Read, network_cap, reads_enabled

logger = logging.getLogger(__name__)

COOKIE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# Sent by browsers for speculative loads that the reader may never see.
PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Moz", "X-Purpose")
PREFETCH_WORDS = ("prefetch", "prerender", "preview")


@functools.lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    """Empty or listed by the maintained crawler-user-agents patterns (cached per UA)."""
    return not user_agent.strip() or crawleruseragents.is_crawler(user_agent)


def is_speculative(request) -> bool:
    for header in PREFETCH_HEADERS:
        value = request.headers.get(header, "").lower()
        if value and any(word in value for word in PREFETCH_WORDS):
            return True
    return False


def cookie_name() -> str:
    return settings.READS_COOKIE_NAME


class ReadCountingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        is_bot("warm-up: compile the crawler patterns before the first reader")

    def __call__(self, request):
        response = self.get_response(request)
        article_id = response.get(ARTICLE_ID_HEADER) if request.method == "GET" else None
        if article_id is None or response.status_code != 200 or not reads_enabled():
            return response
        user_agent = request.headers.get("User-Agent", "")
        if is_bot(user_agent) or is_speculative(request):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            return response
        try:
            article_id = int(article_id)
        except ValueError:
            return response
        self.count(request, response, article_id, user_agent)
        return response

    def count(self, request, response, article_id, user_agent):
        name = cookie_name()
        cookie = request.COOKIES.get(name, "")
        ip = client_ip(request)
        if COOKIE_PATTERN.match(cookie):
            reader, also = reads.reader_from_cookie(cookie), ()
            # A cached page must never hand a stored reader id to someone else.
            response.cookies.pop(name, None)
        else:
            cookie = secrets.token_urlsafe(16)
            reader = reads.reader_from_client(ip, user_agent)
            also = (reads.reader_from_cookie(cookie),)
            response.set_cookie(
                name,
                cookie,
                max_age=settings.READS_COOKIE_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        try:
            # The network is capped whatever the identity: cookies can be minted too.
            network = reads.network_from_ip(ip) if network_cap() else ""
            reads.count_read(Read(article_id, reader, also, network=network))
        except Exception:  # noqa: BLE001 - a counter must never break the page
            logger.exception("reads: could not count a read of article %s", article_id)
