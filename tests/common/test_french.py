"""French formatting as readers and editors see it: dates, times, figures, the fold."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from common.french import (
    MONTHS,
    day_month,
    fold,
    french_date,
    french_datetime,
    french_number,
    hour_minute,
)

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")
NB = "\u00a0"
N = "\u202f"


def test_first_of_the_month_is_an_ordinal():
    assert french_date(date(2026, 12, 1)) == "le 1er décembre 2026"
    assert french_date(date(2026, 12, 2)) == "le 2 décembre 2026"
    assert day_month(date(2026, 3, 1), year=False) == "1er mars"


def test_every_month_has_its_french_name():
    assert [day_month(date(2026, month, 11)) for month in (2, 8, 12)] == [
        "11 février 2026",
        "11 août 2026",
        "11 décembre 2026",
    ]
    assert len(MONTHS) == 12


def test_datetime_in_paris_time_with_no_break_spaces_in_the_time():
    # 13:05 UTC in December is 14:05 in Paris.
    value = datetime(2026, 12, 1, 13, 5, tzinfo=UTC)
    assert french_datetime(value) == f"le 1er décembre 2026 à 14{NB}h{NB}05"


def test_midnight_is_zero_hour_and_may_change_the_day():
    # 23:00 UTC on 30 November is midnight on 1 December in Paris.
    value = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    assert french_datetime(value) == f"le 1er décembre 2026 à 0{NB}h{NB}00"
    assert hour_minute(value) == f"0{NB}h{NB}00"


def test_early_hour_has_no_leading_zero():
    assert hour_minute(datetime(2026, 12, 1, 1, 39, tzinfo=PARIS)) == f"1{NB}h{NB}39"


def test_no_date_prints_nothing():
    assert french_date(None) == ""
    assert french_datetime(None) == ""


@pytest.mark.parametrize(
    "value, expected",
    [(0, "0"), (999, "999"), (2239, f"2{N}239"), (1_000_000, f"1{N}000{N}000"), (-1500, f"-1{N}500")],
)
def test_thousands_are_grouped_with_narrow_no_break_spaces(value, expected):
    assert french_number(value) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("École", "ecole"), ("ÉNERVÉ", "enerve"), ("Straße", "strasse"), ("cœur", "cœur"), ("ﬁn", "fin"), ("", "")],
)
def test_fold_ignores_case_and_accents(text, expected):
    assert fold(text) == expected


def test_fold_keeps_null_for_sql():
    assert fold(None) is None
