"""The public address of the site, for absolute links (feeds, sitemaps, Open Graph, e-mails).

``SITE_URL`` when it is set (production: the address readers use, whatever Host the
proxy forwards). Unset, links follow the request being served (``make run
PORT=8001``, a staging host): its scheme and Host, which Django has checked against
ALLOWED_HOSTS, kept by ``common.logs.RequestIdMiddleware``. Outside a request (a
command, a task) without ``SITE_URL``: ``http://127.0.0.1:8000``, the address of
``make run``.
"""

from django.conf import settings

from common.logs import request_origin_var

DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def site_url() -> str:
    """The site's origin, without a trailing slash: ``https://www.example.org``."""
    return (getattr(settings, "SITE_URL", "") or request_origin_var.get() or DEFAULT_SITE_URL).rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` on the public site; a URL that is already absolute is returned as is."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + (path if path.startswith("/") else "/" + path)
