"""French formatting, the one home of it: dates, times, numbers and the text fold.

Templates, the admin (its messages and the reads chart) and the reactions all print
dates and figures; before this module each had its own month list and they drifted.
Everything here is a plain function of its input (no model, no setting other than the
time zone, through ``django.utils.timezone``), so any app may import it.

Spaces follow French typography: "1er décembre" keeps an ordinary space (the line
may break there), "14 h 05" uses no-break spaces so that the time is never split,
and thousands are grouped with a narrow no-break space (U+202F): "2 239".
"""

import unicodedata
from datetime import date, datetime

from django.utils import timezone

NBSP = "\u00a0"  # no-break space: inside "14 h 05"
NNBSP = "\u202f"  # narrow no-break space: thousands, and before ; : ! ? in prose

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def _local(value: date | datetime) -> date | datetime:
    """An aware datetime in the site's time zone; a naive one or a date as given."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def day_number(day: int) -> str:
    """French writes the first day of a month as an ordinal: "1er", then "2", "3"…"""
    return "1er" if day == 1 else str(day)


def day_month(value: date | datetime, *, year: bool = True) -> str:
    """ "1er décembre 2026" (or "1er décembre"), for "du …", "au …", "le …"."""
    local = _local(value)
    text = f"{day_number(local.day)} {MONTHS[local.month - 1]}"
    return f"{text} {local.year}" if year else text


def hour_minute(value: datetime) -> str:
    """ "14 h 05", "0 h 00" at midnight: the hour without a leading zero, as printed."""
    local = _local(value)
    return f"{local.hour}{NBSP}h{NBSP}{local.minute:02d}"


def french_date(value: date | datetime | None) -> str:
    """ "le 1er décembre 2026"; empty for no date."""
    if not value:
        return ""
    return f"le {day_month(value)}"


def french_datetime(value: datetime | None) -> str:
    """ "le 1er décembre 2026 à 14 h 05" in the site's time zone; empty for no date."""
    if not value:
        return ""
    return f"le {day_month(value)} à {hour_minute(value)}"


def french_number(value: int) -> str:
    """ "2 239", "1 000 000": thousands grouped with narrow no-break spaces."""
    return f"{value:,}".replace(",", NNBSP)


def fold(text: str | None) -> str | None:
    """Lower case without accents ("École" → "ecole"): how readers type, how word lists
    and search compare. ``None`` stays ``None`` (an SQL NULL through SQLite's function)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
