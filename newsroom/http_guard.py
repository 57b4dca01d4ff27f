"""One guard, first in MIDDLEWARE, for what no view should ever see.

- **Malformed input**: a NUL or another control character, or bytes that are not UTF-8,
  in the path, a query string key or value, or a form field, get a French 400 before any
  view runs. PostgreSQL refuses NUL in text, so each view that passed one to a query
  answered 500; one guard here covers every URL, those added later included.
- **Oversized bodies**: a body announced bigger than ``REQUEST_BODY_MAX_BYTES`` gets a 413
  before it is read. (Long query strings are the views' business: the search answers
  its own French message; gunicorn caps the request line at 4 KB in production.)
- **Methods**: TRACE, TRACK and CONNECT get a 405 everywhere; OPTIONS gets an empty 204
  with ``Allow`` (function views used to send the whole page: CSRF lets both through as
  safe methods). Class-based views, which answer OPTIONS themselves, keep their answer.
  PUT, PATCH and DELETE need no rule here: the CSRF middleware refuses them on pages.
- **Empty error bodies**: a 405 from ``require_POST`` and friends gets the French page.
"""

import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse

from . import errors

# C0 controls (NUL among them) and DEL; tab, line feed and carriage return stay allowed in
# parameters and fields (a textarea sends CR LF), never in a path.
CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS", "POST")
NEVER = {"TRACE", "TRACK", "CONNECT"}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

BAD_PATH = "L'adresse demandée contient des caractères invalides."
BAD_QUERY = "Les paramètres de l'adresse contiennent des caractères invalides."
BAD_FORM = "Le formulaire envoyé contient des caractères invalides."


class Malformed(Exception):
    pass


def _check_urlencoded(raw: bytes) -> None:
    """Each key and value of an urlencoded string must be UTF-8 without control characters."""
    for pair in raw.split(b"&"):
        for part in pair.split(b"=", 1):
            try:
                text = unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                raise Malformed from None
            if CONTROL_IN_VALUE.search(text):
                raise Malformed


class HttpGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.check(request)
        if response is None:
            response = self.get_response(request)
        if response.status_code == 405 and not response.content and request.method != "HEAD":
            allowed = [m.strip() for m in response.get("Allow", "").split(",") if m.strip()]
            response = errors.method_not_allowed(request, allowed)
        return response

    def check(self, request):
        if request.method in NEVER:
            return errors.method_not_allowed(request, ALLOWED_METHODS)

        raw_path = request.META.get("PATH_INFO", "")
        try:
            # WSGI hands the path as latin-1 text of the raw bytes.
            path = raw_path.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return errors.error_response(400, reason=BAD_PATH)
        if CONTROL_IN_PATH.search(path) or CONTROL_IN_PATH.search(request.path_info):
            return errors.error_response(400, reason=BAD_PATH)

        query = request.META.get("QUERY_STRING", "")
        try:
            _check_urlencoded(query.encode("latin-1"))
        except (Malformed, UnicodeEncodeError):
            return errors.error_response(400, reason=BAD_QUERY)

        if request.method in ("POST", "PUT", "PATCH"):
            return self.check_body(request)
        return None

    def check_body(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return errors.error_response(400)
        if length > getattr(settings, "REQUEST_BODY_MAX_BYTES", 21 * 1024 * 1024):
            return errors.error_response(413)
        content_type = request.META.get("CONTENT_TYPE", "")
        if not content_type.startswith(FORM_TYPES):
            return None  # JSON and others are the business of the view that reads them
        # Parsing the body here, before any view or query, may raise RequestDataTooBig or
        # TooManyFieldsSent: Django turns them into handler400 (newsroom.errors), in French.
        if content_type.startswith("application/x-www-form-urlencoded"):
            try:
                _check_urlencoded(request.body)  # the raw bytes: Django would mask bad UTF-8
            except Malformed:
                return errors.error_response(400, reason=BAD_FORM)
        for key, values in request.POST.lists():
            if CONTROL_IN_VALUE.search(key) or any(CONTROL_IN_VALUE.search(v) for v in values):
                return errors.error_response(400, reason=BAD_FORM)
        return None

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "OPTIONS" or hasattr(view_func, "view_class"):
            return None  # class-based views compute their own Allow
        response = HttpResponse(status=204)
        response["Allow"] = ", ".join(ALLOWED_METHODS)
        return response
