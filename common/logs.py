"""Logs an operator can follow: one request id through every line, JSON in production.

``RequestIdMiddleware`` (first in MIDDLEWARE) keeps the proxy's ``X-Request-ID`` when
it looks like one (letters, digits, ``-``, ``_``, ``.``, ``:``, up to 128), makes one
otherwise, returns it in the response and puts it, with the username of a logged-in
staff member, in context variables that ``RequestContextFilter`` adds to each record
of that request, whichever thread of the request's context logs it.

``JsonFormatter`` writes one JSON object per line with a fixed set of fields: never
the request object, so never a reader's address, cookie or e-mail. ``TaskMailHandler``
e-mails ERROR records to ``ADMINS`` through the mail task, never inside the request,
with the traceback and the request id only (Django's own AdminEmailHandler would send
the request's headers and POST data, a reader's e-mail among them, and synchronously).
"""

import contextvars
import json
import logging
import re
import threading
import uuid
from datetime import UTC, datetime

from django.conf import settings

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
staff_user_var: contextvars.ContextVar[str] = contextvars.ContextVar("staff_user", default="")
# Scheme and host of the request being served ("https://www.example.org"): absolute
# links built while it runs follow it (common.urls.site_url).
request_origin_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_origin", default="")


def request_id_from(value: str | None) -> str:
    """The proxy's id when it is a plausible one, else a new one."""
    if value and _VALID_REQUEST_ID.match(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        tokens = [
            (request_id_var, request_id_var.set(request_id)),
            (staff_user_var, staff_user_var.set("")),
            (request_origin_var, request_origin_var.set(_origin(request))),
        ]
        try:
            response = self.get_response(request)
        finally:
            for var, token in reversed(tokens):
                var.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Runs after the authentication middleware: name the staff member, if any."""
        if settings.SESSION_COOKIE_NAME in request.COOKIES:  # readers have no session
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and user.is_staff:
                staff_user_var.set(user.get_username())
        return None


def _origin(request) -> str:
    try:
        return f"{request.scheme}://{request.get_host()}"
    except Exception:  # a Host outside ALLOWED_HOSTS: Django answers 400 further on
        return ""


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` and ``user`` (staff username or empty) to every record."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        record.user = staff_user_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        user = getattr(record, "user", "")
        if user:
            entry["user"] = user
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class TaskMailHandler(logging.Handler):
    """E-mail ERROR records to ADMINS as a task (common.mail), never inside the request."""

    # Records of the mail machinery itself would mail about mail: a loop.
    IGNORED = ("common.mail", "django_tasks", "django_tasks_db", "django.tasks")
    _busy = threading.local()

    def __init__(self, level=logging.ERROR):
        super().__init__(level)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s\n\n%(message)s"))

    def emit(self, record):
        if record.name.startswith(self.IGNORED) or getattr(self._busy, "on", False):
            return
        recipients = [address for _name, address in settings.ADMINS]
        if not recipients:
            return
        self._busy.on = True
        try:
            from common.mail import mail_enqueue

            request_id = getattr(record, "request_id", request_id_var.get())
            mail_enqueue(
                subject=f"{settings.EMAIL_SUBJECT_PREFIX}{record.levelname}: {record.getMessage()}"[:200],
                body=f"{self.format(record)}\n\nrequest id: {request_id}\n",
                to=recipients,
                from_email=settings.SERVER_EMAIL,
                on_commit=False,  # the failed request's transaction may be rolling back
            )
        except Exception:
            self.handleError(record)
        finally:
            self._busy.on = False
