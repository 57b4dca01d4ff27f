"""The reads settings as the code uses them, and the one value type every layer shares.

Each default is declared once, in ``newsroom/settings.py``; these accessors read the
setting on each call so that ``override_settings`` works in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def window_seconds() -> int:
    return int(settings.READS_WINDOW_SECONDS)


def reads_enabled() -> bool:
    return bool(settings.READS_ENABLED)


def buffer_url() -> str:
    """The Redis URL of the read buffer, or "" in the default (database) mode."""
    if not settings.READS_BUFFER:
        return ""
    return settings.READS_REDIS_URL or settings.REDIS_URL


def queue_seconds() -> float:
    """How long a read may wait in its worker before it is sent (0: sent by the request)."""
    return float(settings.READS_QUEUE_SECONDS)


def network_cap() -> int:
    """Most reads one network may add to one article per window (0: no cap)."""
    return int(settings.READS_NETWORK_CAP)


def redis_prefix() -> str:
    return settings.READS_REDIS_PREFIX


def read_day(now: datetime) -> date:
    """The day a read belongs to in "Les plus lus": the newsroom's (Paris) calendar day."""
    return now.astimezone(ZoneInfo(settings.READS_TIME_ZONE)).date()


@dataclass(frozen=True)
class Read:
    """One page view to count: who read which article, and when."""

    article_id: int
    reader: str
    also: tuple[str, ...] = ()
    now: datetime = dataclass_field(default_factory=timezone.now)  # the view's time, not the sending's
    network: str = ""  # the reader's network (``network_from_ip``): "" is not capped
