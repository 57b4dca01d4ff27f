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
import threading
import time
import uuid
from collections import OrderedDict
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag

from common import tagcache
from common.csrf import form_token
from common.http import ARTICLE_ID_HEADER
from common.tagcache import SEQUENCE_KEY, invalidate_tags, stamp_key, tag_versions

__all__ = ["PageCacheMiddleware", "invalidate_tags", "tag_versions", "with_cache_tags"]


CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
# Headers kept with a cached page: the view's, and those of the middleware listed after
# the page cache, which a hit does not pass through (the rest is added per response).
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    ARTICLE_ID_HEADER,
    "Last-Modified",
    "X-Robots-Tag",
    "Link",
    "X-Frame-Options",
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
)


def page_timeout() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def _sequence() -> int | None:
    return tagcache.sequence()


SCHEDULE_KEY = "next-publication-at"


def refresh_schedule():
    """Remember when public pages next change by themselves: a scheduled article goes
    public, an ad campaign or an alerte info starts or ends, or the day (printed in the
    masthead) turns (called when articles, ads or alerts change)."""
    from articles.models import Article

    from .models import AdCampaign, BreakingNews

    tomorrow = timezone.localdate() + timedelta(days=1)
    midnight = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
    next_at = min(
        filter(
            None,
            (
                Article.objects.next_publication_at(),
                AdCampaign.objects.next_change_at(),
                BreakingNews.objects.next_change_at(),
                midnight,
            ),
        ),
        default=None,
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


PROXY_MAX_AGE = 60
# A build holds its page's lock at most this long (a crashed worker's lock expires by then).
BUILD_LOCK_SECONDS = 10
# A reader who finds the page being built, with no previous copy, waits this long at most.
BUILD_WAIT_SECONDS = 2.0
BUILD_POLL_SECONDS = 0.05
# Parameters of ads and newsletters: they say where a reader came from, never change the
# page, and are left out of its key.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "mkt_tok",
        "ref",
        "xtor",
    }
)
# The only parameters a cached page may be keyed on (``page`` must be a page number).
KEY_PARAMETERS = frozenset({"page", "q"})


def page_cache_on() -> bool:
    return page_timeout() > 0


def _patch_shared_cache_headers(response, until_next_publication) -> None:
    """What a CDN or nginx in front may do with the page: the same whether this page
    came from the page cache, was built and stored, or the page cache is off.

    Lists and feeds: keep it up to a minute, never past the next scheduled publication.
    An article page: keep it but revalidate every time, so that each view still reaches
    the read counter (a 304 costs little).
    """
    if response.has_header(ARTICLE_ID_HEADER):
        patch_cache_control(response, public=True, no_cache=True)
    else:
        max_age = PROXY_MAX_AGE if until_next_publication is None else min(PROXY_MAX_AGE, until_next_publication)
        patch_cache_control(response, public=True, max_age=max(0, max_age))


def _is_tracking(name: str) -> bool:
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def _key_parameters(request) -> list | None:
    """The query parameters that make this page differ, or None when the page must not be
    cached: one outside ``KEY_PARAMETERS``, a page number that is not one. Tracking
    parameters are ignored. (A page that turns out not to read one of them is not stored.)"""
    params = []
    for name, values in request.GET.lists():
        if _is_tracking(name):
            continue
        if name not in KEY_PARAMETERS or len(values) != 1:
            return None
        if name == "page" and not (values[0].isascii() and values[0].isdigit() and len(values[0]) <= 6):
            return None
        params.append((name, values[0]))
    return sorted(params)


def _page_key(request, params) -> str:
    # The scheme too: without SITE_URL, absolute links follow the request's.
    raw = f"{request.scheme}|{request.get_host()}|{request.path}|{urlencode(params)}".encode()
    return "page3:" + hashlib.sha256(raw).hexdigest()


def _request_key(request) -> str | None:
    """The page's key, or None when it must not be cached: computed once per request
    (before the view is known, then again when it is)."""
    if not hasattr(request, "_page_cache_candidate"):
        params = _key_parameters(request)
        request._page_cache_candidate = None if params is None else _page_key(request, params)
    return request._page_cache_candidate


def _cacheable_request(request) -> bool:
    user = getattr(request, "user", None)
    return request.method in ("GET", "HEAD") and not (user is not None and user.is_authenticated)


def _storable(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(response, "cache_tags", None) is not None
        and response.status_code == 200
        and not getattr(response, "streaming", False)
        and "no-cache" not in cache_control
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _etag(content: bytes) -> str:
    """From the page as stored (CSRF tokens as placeholders): the same for every reader
    while the page is unchanged, so that a CDN in front gets its 304s."""
    return quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())


def _serve(request, entry, state) -> HttpResponse:
    content = entry["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, form_token(request).encode())
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    # The page depends on the cookies: a session's is never served this copy (nor is the
    # form's token another reader's), as a built page says through the session middleware.
    patch_vary_headers(response, ["Cookie"])
    next_at = entry["next_publication"]
    _patch_shared_cache_headers(response, None if next_at is None else max(1, int(next_at - time.time()) + 1))
    response["ETag"] = entry["etag"]
    response["X-Page-Cache"] = state
    response.page_cache_hit = True
    return response


class _ParameterLog(QueryDict):
    """``request.GET`` that remembers which parameters the view read by name.

    A parameter read otherwise (iterated, copied) is not recorded: the page is then not
    stored, which is safe.
    """

    def __init__(self, query_string=None, mutable=False, encoding=None):
        super().__init__(query_string, mutable=mutable, encoding=encoding)
        self.read = set()

    @classmethod
    def of(cls, original):
        log = cls(mutable=True, encoding=original.encoding)
        for name, values in original.lists():
            log.setlist(name, values)
        log._mutable = False
        return log

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


class PageCacheMiddleware:
    """Cache the anonymous GET responses whose view declared ``response.cache_tags``.

    Listed right after the CSRF middleware, which has read the reader's cookie by then.
    A page served from here still goes back through the middleware listed before it
    (read counting, CSRF cookie, language, security headers, conditional GET); the ones
    after it (authentication, messages, X-Frame-Options, CSP, axes) add nothing to an
    anonymous page that is not stored with it. Staff, previews (responses marked
    ``no-cache``/``private``), error pages and pages with a form error (any status but
    200) are never stored. A view may shorten the life of its page with
    ``response.cache_timeout`` (seconds).

    A hit is one round trip to the cache: the page, its "still valid at" stamp and the
    invalidation counter in one ``get_many``. The stamp holds the counter and the build
    it vouches for; it equals the counter while nothing was invalidated since the page was
    stored or last checked; when the counter moved, the versions of the page's own tags
    decide (a second round trip), and the stamp is renewed. A page this process served
    lately is kept here too (``LocalCopies``): its hit asks for the stamp and the counter
    only. With the page cache off nothing is looked up.

    Where the lookup happens: a request without a session cookie for a page this process
    already knows to be cached is looked up before the URL is even resolved, so a hit
    costs no view machinery at all. Any other request is looked up once its view is
    known (``process_view``): a signed-in user is never served nor stored, and a view
    that answers without tags (robots.txt, search, the API) is not looked up again.

    One build per page at a time: the builder holds a short lock (``cache.add``); the
    others get the previous copy while it builds, or wait for the new one briefly. When
    the cache cannot be reached every reader builds (nothing to share anyway).
    """

    # Views known to answer anonymous GETs without cache tags.
    untagged_views = set()
    # Keys of the pages this process has seen stored or served (a hint, never a copy):
    # they are looked up early. Oldest forgotten first beyond KNOWN_PAGES_MAX.
    known_pages = {}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._known_key(request)
        if key is not None:
            served = self._lookup(request, key)
            if served is not None:
                return served
        try:
            response = self.get_response(request)
            view = getattr(request, "_page_cache_view", None)
            if view is not None and not getattr(response, "page_cache_hit", False):
                self._after_view(request, response, view)
            return response
        finally:
            lock = getattr(request, "_page_cache_lock", None)
            if lock:
                cache.delete(lock)

    def _known_key(self, request):
        """The page's key when it can be looked up before its view is known: an anonymous
        reader for sure (no session cookie), a page this process has seen cached."""
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or not page_cache_on()
        ):
            return None
        key = _request_key(request)
        return key if key in self.known_pages else None

    def _after_view(self, request, response, view):
        if getattr(response, "cache_tags", None) is None:
            if response.status_code == 200:
                self.untagged_views.add(view)
            return
        if not _storable(response):
            return
        stored = _stored_content(response)
        response["ETag"] = _etag(stored)
        until_next = seconds_until_next_publication()
        _patch_shared_cache_headers(response, until_next)
        sequence_before = getattr(request, "_page_cache_sequence", None)
        if sequence_before is not None and _reads_its_key(request):
            if store_page(request, response, sequence_before, stored=stored, until_next=until_next):
                _remember(request._page_cache_key)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _cacheable_request(request):
            return None
        request._page_cache_view = view_func
        if request.GET:
            request.GET = _ParameterLog.of(request.GET)
        if hasattr(request, "_page_cache_key"):
            return None  # looked up before the view was known: a miss, being built
        if not page_cache_on() or view_func in self.untagged_views:
            return None
        key = _request_key(request)
        if key is None:
            return None
        served = self._lookup(request, key)
        if served is not None:
            _remember(key)
        return served

    def _lookup(self, request, key):
        """The page served from the cache, or None when this request must build it (then
        holding the build lock when the page can be stored)."""
        request._page_cache_key = key
        stamp_at = stamp_key(key)
        copy = LOCAL.get(key)
        found = cache.get_many([stamp_at, SEQUENCE_KEY] if copy else [key, stamp_at, SEQUENCE_KEY])
        stamp, sequence = found.get(stamp_at), found.get(SEQUENCE_KEY)
        entry = found.get(key)
        if copy is not None:
            # The stamp names the build it vouches for: another one means a newer page
            # was stored (or the stamp expired), read it.
            entry = copy if stamp is not None and stamp[1] == copy["build"] else cache.get(key)
        if entry is not None and sequence is not None:
            if stamp == (sequence, entry["build"]):
                return _serve(request, LOCAL.keep(key, entry), "hit")
            if tagcache.unchanged(entry["versions"]):
                cache.set(stamp_at, (sequence, entry["build"]), max(1, int(entry["expires"] - time.time())))
                return _serve(request, LOCAL.keep(key, entry), "hit")
        if sequence is None:
            sequence = _sequence()
            if sequence is None:
                return None  # no cache to share a page through: build, store nothing
        if cache.add(_lock_key(key), 1, BUILD_LOCK_SECONDS):
            fresh = _fresh_entry(key)
            if fresh is not None:  # built and stored by another reader since the lookup above
                cache.delete(_lock_key(key))
                return _serve(request, fresh, "hit")
            request._page_cache_lock = _lock_key(key)
            request._page_cache_sequence = sequence
            return None
        if entry is not None:
            return _serve(request, entry, "stale")  # grace: the previous copy while one reader builds
        return self._wait_for_build(request, key)

    def _wait_for_build(self, request, key):
        deadline = time.monotonic() + BUILD_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(BUILD_POLL_SECONDS)
            building = cache.get(_lock_key(key))
            entry = _fresh_entry(key)
            if entry is not None:
                return _serve(request, entry, "hit")
            if not building:
                break  # the build ended without storing the page
        # The build failed, was not stored or takes too long: build this one too.
        request._page_cache_sequence = _sequence()
        return None


KNOWN_PAGES_MAX = 20_000
_known_lock = threading.Lock()  # threaded workers (gthread) share the hint


def _remember(key: str) -> None:
    known = PageCacheMiddleware.known_pages
    if key not in known:
        with _known_lock:
            if len(known) >= KNOWN_PAGES_MAX:
                del known[next(iter(known))]
            known[key] = True


def _fresh_entry(key):
    """The stored page if it is valid at the current counter (it was just built)."""
    found = cache.get_many([key, stamp_key(key), SEQUENCE_KEY])
    entry, sequence = found.get(key), found.get(SEQUENCE_KEY)
    if entry is not None and sequence is not None and found.get(stamp_key(key)) == (sequence, entry["build"]):
        return entry
    return None


class LocalCopies:
    """This process's copies of the pages it serves most, so that a hit fetches only the
    stamp and the counter (two small values), not the page.

    A copy is served only when the shared stamp names its build and equals the counter,
    exactly the condition under which the shared entry itself would be served: a copy
    can never be older than an invalidation, nor than a newer build stored by another
    process. At most ``PAGE_CACHE_LOCAL_BYTES`` of pages per process, least recently
    served forgotten first; 0 keeps none.
    """

    def __init__(self):
        self._copies = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._copies.get(key)
            if entry is None:
                return None
            if entry["expires"] <= time.time():
                self._drop(key)
                return None
            self._copies.move_to_end(key)
            return entry

    def keep(self, key, entry):
        """Keep ``entry`` (just found valid) and return it."""
        budget = settings.PAGE_CACHE_LOCAL_BYTES
        size = len(entry["content"])
        with self._lock:
            if self._copies.get(key) is not entry:
                self._drop(key)
                if size <= budget:
                    self._copies[key] = entry
                    self._size += size
                while self._size > budget:
                    self._drop(next(iter(self._copies)))
        return entry

    def last_key(self):
        """The key of the copy served last (None when none is kept)."""
        with self._lock:
            return next(reversed(self._copies), None)

    def _drop(self, key):
        entry = self._copies.pop(key, None)
        if entry is not None:
            self._size -= len(entry["content"])

    def clear(self):
        with self._lock:
            self._copies.clear()
            self._size = 0


LOCAL = LocalCopies()


def _reads_its_key(request) -> bool:
    """A page keyed on a parameter it never read (``/?page=7`` on the home page) is the
    same page under another key: not stored, so junk cannot fill the cache."""
    if not isinstance(request.GET, _ParameterLog):
        return True
    return all(_is_tracking(name) or name in request.GET.read for name in request.GET)


def _lock_key(page_key: str) -> str:
    return page_key + ":building"


def _stored_content(response) -> bytes:
    return CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)


def store_page(request, response, sequence_before, *, stored, until_next) -> bool:
    page_tags = set(response.cache_tags) | {"schedule"}
    versions = tag_versions(page_tags)
    if _sequence() != sequence_before:
        # Something was invalidated while the page was built: it may be outdated.
        return False
    timeout = getattr(response, "cache_timeout", None)
    timeout = page_timeout() if timeout is None else timeout
    if timeout <= 0:
        return False  # caching turned off for this kind of page (e.g. ARTICLE_PAGE_CACHE_SECONDS=0)
    if until_next is not None:
        timeout = min(timeout, until_next)
    now = time.time()
    key = request._page_cache_key
    entry = {
        "build": uuid.uuid4().hex,  # what the stamp vouches for (see LocalCopies)
        "content": stored,
        "status": response.status_code,
        "headers": {name: response[name] for name in STORED_HEADERS if response.has_header(name)},
        "versions": versions,
        "etag": response["ETag"],
        "expires": now + timeout,
        "next_publication": None if until_next is None else now + until_next,
    }
    cache.set_many({key: entry, stamp_key(key): (sequence_before, entry["build"])}, timeout)
    LOCAL.keep(key, entry)
    response["X-Page-Cache"] = "miss"
    return True


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


def forget_views() -> None:
    """Forget what this process learnt about views and pages (tests run many URLconfs in
    one process)."""
    PageCacheMiddleware.untagged_views.clear()
    PageCacheMiddleware.known_pages.clear()
    LOCAL.clear()
