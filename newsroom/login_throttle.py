"""The admin login throttle: django-axes, set for this site (settings: AXES_*).

Why axes rather than a service of our own: it hooks into ``authenticate()`` itself (so
the right password is refused while locked, whatever view logs in), keeps its attempts
in the database (a Redis outage neither opens nor closes the door), and gives operators
an admin list of attempts and ``manage.py axes_reset`` to unlock someone at once.

What lives here: the French page of a lockout, the client address (the one the rest of
the site uses, so that the lock and the reads agree on who the client is), and a backend
that lets ``authenticate()`` without a request through (tests' ``Client.login``, shell
scripts): a login over HTTP always has one.
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings

from common.http import client_ip  # noqa: F401  (AXES_CLIENT_IP_CALLABLE names it here)

from . import errors


class AxesBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:  # not a login over HTTP: nothing to throttle
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def cool_off_text() -> str:
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0
    if not minutes:
        return "jusqu'à ce qu'un administrateur les rétablisse"
    return "pendant 1 minute" if minutes == 1 else f"pendant {minutes} minutes"


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a French 429 page, with no query (the lock is already known)."""
    response = errors.error_response(429, template="login_locked.html", cool_off=cool_off_text())
    cool_off = settings.AXES_COOLOFF_TIME
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
