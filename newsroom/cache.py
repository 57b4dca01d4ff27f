"""A page cache that follows dependencies, so that no reader sees a stale page.

A public view says what its page shows by setting ``response.cache_tags`` (for example
``{"article:12", "category:3", "home"}``). The page is stored together with the
version of each of its tags at that moment. Publishing, editing or unpublishing an
article (or approving a reaction) bumps the versions of the tags it touches with
``invalidate_tags()``; the next request for a page that showed it sees a changed
version and rebuilds the page. Nothing else is flushed.

Every entry also expires before the next scheduled publication, so a scheduled
article appears on every list at its ``publish_at`` with no cron (and an ad campaign
starts and ends on time).

The CSRF token of a cached form is a hole punched in the page: it is stored as a
placeholder and each reader gets a fresh token of their own when the page is served.
"""

import functools
import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from common.http import ARTICLE_ID_HEADER

CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
# Headers worth keeping with a cached page (the rest is added per response).
STORED_HEADERS = ("Content-Type", "Content-Language", ARTICLE_ID_HEADER, "Last-Modified", "X-Robots-Tag", "Link")


def page_timeout() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def _tag_key(tag: str) -> str:
    return f"tagv:{tag}"


def tag_versions(tags) -> dict:
    """Current version of each tag; a tag never seen (or evicted) gets a fresh one."""
    keys = {_tag_key(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    for key in keys.keys() - found.keys():
        token = uuid.uuid4().hex
        # add() keeps the first writer's token when two processes race.
        if not cache.add(key, token, timeout=None):
            token = cache.get(key, token)
        found[key] = token
    return {keys[key]: version for key, version in found.items()}


SEQUENCE_KEY = "tagv-sequence"


def _sequence() -> int:
    """The invalidation counter: one round trip, two only when it must be created."""
    value = cache.get(SEQUENCE_KEY)
    if value is None:
        cache.add(SEQUENCE_KEY, 0, timeout=None)
        value = cache.get(SEQUENCE_KEY, 0)
    return value


def invalidate_tags(*tags) -> None:
    """Every cached page that showed one of ``tags`` is rebuilt on its next request.

    The sequence moves first: a page being built while this runs sees it move and is
    not stored (see ``store_page``).
    """
    tags = {tag for tag in tags if tag}
    if not tags:
        return
    cache.add(SEQUENCE_KEY, 0, timeout=None)
    try:
        cache.incr(SEQUENCE_KEY)
    except ValueError:  # evicted between add() and incr()
        cache.set(SEQUENCE_KEY, 1, timeout=None)
    cache.set_many({_tag_key(tag): uuid.uuid4().hex for tag in tags}, timeout=None)


SCHEDULE_KEY = "next-publication-at"


def refresh_schedule():
    """Remember when public pages next change by themselves: a scheduled article goes
    public, or an ad campaign starts or ends (called when articles or ads change)."""
    from articles.models import Article

    from .models import AdCampaign

    next_at = min(
        filter(None, (Article.objects.next_publication_at(), AdCampaign.objects.next_change_at())), default=None
    )
    cache.set(SCHEDULE_KEY, next_at, timeout=None)
    return next_at


def seconds_until_next_publication() -> int | None:
    next_at = cache.get(SCHEDULE_KEY, "unknown")
    if next_at == "unknown" or (next_at is not None and next_at <= timezone.now()):
        next_at = refresh_schedule()
    if next_at is None:
        return None
    return max(1, int((next_at - timezone.now()).total_seconds()) + 1)


def _patch_shared_cache_headers(response, timeout) -> None:
    """What a CDN or nginx in front may do with the page.

    Lists and feeds: keep it up to a minute. An article page: keep it but revalidate
    every time, so that each view still reaches the read counter (a 304 costs little).
    """
    if response.has_header(ARTICLE_ID_HEADER):
        patch_cache_control(response, public=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=min(timeout, 60))


def _page_key(request) -> str:
    raw = f"{request.get_host()}|{request.get_full_path()}".encode()
    return "page:" + hashlib.sha256(raw).hexdigest()


def _cacheable_request(request) -> bool:
    user = getattr(request, "user", None)
    return request.method in ("GET", "HEAD") and not (user is not None and user.is_authenticated)


def _serve(request, entry) -> HttpResponse:
    content = entry["content"]
    has_form = CSRF_PLACEHOLDER in content
    if has_form:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    if has_form:
        patch_vary_headers(response, ["Cookie"])
    _patch_shared_cache_headers(response, entry["max_age"])
    response["X-Page-Cache"] = "hit"
    response.page_cache_hit = True
    return response


class PageCacheMiddleware:
    """Cache the anonymous GET responses whose view declared ``response.cache_tags``.

    Listed last in MIDDLEWARE: the lookup happens in ``process_view``, after the CSRF
    middleware has read the reader's cookie, and a page served from here still goes
    back through every other middleware (read counting included). Staff, previews
    (responses marked ``no-cache``/``private``), error pages and pages with a form error
    (any status but 200) are never stored. A view may shorten the life of its page with
    ``response.cache_timeout`` (seconds).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        sequence_before = getattr(request, "_page_cache_sequence", None)
        if sequence_before is not None and not getattr(response, "page_cache_hit", False):
            store_page(request, response, sequence_before)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _cacheable_request(request):
            return None
        entry = cache.get(_page_key(request))
        if entry is not None and tag_versions(entry["tags"]) == entry["versions"]:
            return _serve(request, entry)
        request._page_cache_sequence = _sequence()
        return None


def store_page(request, response, sequence_before) -> None:
    page_tags = getattr(response, "cache_tags", None)
    cache_control = response.get("Cache-Control", "")
    if (
        page_tags is None
        or response.status_code != 200
        or getattr(response, "streaming", False)
        or "no-cache" in cache_control
        or "private" in cache_control
    ):
        return
    page_tags = set(page_tags) | {"schedule"}
    versions = tag_versions(page_tags)
    if _sequence() != sequence_before:
        # Something was invalidated while the page was built: it may be outdated.
        return
    timeout = getattr(response, "cache_timeout", None)
    timeout = page_timeout() if timeout is None else timeout
    if timeout <= 0:
        return  # caching turned off for this kind of page (e.g. ARTICLE_PAGE_CACHE_SECONDS=0)
    until_next = seconds_until_next_publication()
    if until_next is not None:
        timeout = min(timeout, until_next)
    cache.set(
        _page_key(request),
        {
            "content": CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content),
            "status": response.status_code,
            "headers": {name: response[name] for name in STORED_HEADERS if response.has_header(name)},
            "tags": page_tags,
            "versions": versions,
            "max_age": timeout,
        },
        timeout,
    )
    _patch_shared_cache_headers(response, timeout)
    response["X-Page-Cache"] = "miss"


def with_cache_tags(view, tags):
    """For views that cannot set ``cache_tags`` themselves (feeds, sitemaps).

    ``tags``: a set, or a function of the view's arguments returning one.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response.cache_tags = tags(request, *args, **kwargs) if callable(tags) else set(tags)
        return response

    return wrapper
