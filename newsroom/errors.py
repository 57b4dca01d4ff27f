"""The French error pages (400, 403, 404, 405, 413, 500) and the handlers that serve them.

Each page extends ``templates/error_base.html`` and is rendered with a plain context:
no context processor, no menu, no ad, so no database query. An error page is what
answers when the database is in trouble, and what a flood of malformed requests gets;
neither may cost a query.
"""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse
from django.template import loader

from .chrome import chrome_if_cached

logger = logging.getLogger(__name__)

FALLBACK = (
    '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Erreur {status}</title>'
    '<h1>Erreur {status}</h1><p><a href="/">Revenir à la une</a></p></html>'
)

# Django's own reasons for refusing a body, said in French.
REASONS = {
    TooManyFieldsSent: "Le formulaire envoyé contient trop de champs.",
    TooManyFilesSent: "Le formulaire envoyé contient trop de fichiers.",
    RequestDataTooBig: "Les données envoyées dépassent la taille que le site accepte.",
}


def error_response(status: int, *, reason: str = "", template: str = "", **context) -> HttpResponse:
    """The French page of ``status``, rendered without any request context (no queries).

    The menu and the footer's pages are shown when the cache holds them (no query either).
    """
    try:
        html = loader.get_template(template or f"{status}.html").render(
            {
                "status": status,
                "reason": reason,
                "SITE_NAME": settings.SITE_NAME,
                "site": chrome_if_cached(),
                **context,
            }
        )
    except Exception:  # an error page must never fail in turn
        logger.exception("error page %s could not be rendered", status)
        html = FALLBACK.format(status=status)
    response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"  # never kept by the page cache or a proxy
    return response


def bad_request(request, exception=None):
    """handler400: malformed input, and bodies Django refuses (too big: 413, too many fields)."""
    for kind, reason in REASONS.items():
        if isinstance(exception, kind):
            return error_response(413 if kind is RequestDataTooBig else 400, reason=reason)
    return error_response(400)


def permission_denied(request, exception=None):
    return error_response(403)


def page_not_found(request, exception=None):
    return error_response(404)


def server_error(request):
    return error_response(500)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a French page rather than Django's technical one."""
    return error_response(403, template="403_csrf.html")


def method_not_allowed(request, allowed) -> HttpResponse:
    response = error_response(405, method=request.method, allowed=", ".join(allowed))
    response["Allow"] = ", ".join(allowed)
    return response
