"""``GET /healthz/``: may a load balancer send readers to this instance?

200 while the database answers: without Redis or the media storage the site still
serves pages (slower, or without photos), so those only make the status "degraded".
503 when the database does not: nothing useful can be served. Each check is bounded
in time so that a hanging service costs the prober seconds, not minutes; the answer
is never cached, never counted as a read and never redirected to https. The reasons
go to the log, not to the public answer.

``HealthzMiddleware``, first in MIDDLEWARE, answers it before any other middleware:
the page cache, the sessions and the read counter would otherwise touch Redis and the
database before the check could report on them, and a load balancer probing by IP
address must not need to be in ALLOWED_HOSTS.
"""

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

# Checks of the accelerators run here, so that one that hangs cannot hold the request
# longer than HEALTHZ_TIMEOUT; two threads, so one stuck check does not block the other.
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="healthz")


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key, value = "healthz:probe", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")


def _storage() -> None:
    default_storage.exists("healthz-probe")


def _bounded(check, timeout: float) -> str:
    future = _executor.submit(check)
    try:
        future.result(timeout=timeout)
    except FutureTimeout:
        logger.warning("healthz: %s timed out after %s s", check.__name__.strip("_"), timeout)
        return "timeout"
    except Exception as error:
        logger.warning("healthz: %s failed: %r", check.__name__.strip("_"), error)
        return "error"
    return "ok"


@never_cache
@require_safe
def healthz(request):
    timeout = getattr(settings, "HEALTHZ_TIMEOUT", 2.0)
    checks = {}
    try:
        _database()  # in this thread: its connection belongs to the request
    except Exception as error:
        logger.error("healthz: database failed: %r", error)
        checks["database"] = "error"
    else:
        checks["database"] = "ok"
    checks["cache"] = _bounded(_cache, timeout)
    checks["storage"] = _bounded(_storage, timeout)
    if checks["database"] != "ok":
        status, code = "down", 503
    elif all(result == "ok" for result in checks.values()):
        status, code = "ok", 200
    else:
        status, code = "degraded", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


class HealthzMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz/":
            return healthz(request)
        return self.get_response(request)
