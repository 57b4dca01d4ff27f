"""Values kept under cache tags (``common.tagcache``): what they cost and when they go."""

import pytest
from django.core.cache import cache as django_cache

from common import tagcache
from tests.conftest import cache_backend
from tests.newsroom.test_cache_costs import CountingCache


@pytest.fixture(params=["locmem", "redis"])
def round_trips(request, settings, monkeypatch):
    cache_backend(request, settings)
    counting = CountingCache(django_cache)
    monkeypatch.setattr(tagcache, "cache", counting)
    return counting.calls


def keep(value, tags=("article:1",), seconds=60):
    built = []

    def build():
        built.append(value)
        return value

    return tagcache.kept("valeur", set(tags), build, seconds=seconds), built


def test_a_kept_value_costs_one_round_trip(round_trips):
    keep("v1")
    round_trips.clear()
    value, built = keep("v2")
    assert (value, built) == ("v1", [])
    assert round_trips == ["get_many"]


def test_after_an_unrelated_invalidation_one_check_then_one_round_trip_again(round_trips):
    keep("v1")
    tagcache.invalidate_tags("article:2")
    round_trips.clear()
    assert keep("v2") == ("v1", [])
    assert round_trips == ["get_many", "get_many", "set"]  # entry + stamp + counter, its tags, the new stamp
    round_trips.clear()
    assert keep("v3") == ("v1", [])
    assert round_trips == ["get_many"]


def test_an_invalidated_tag_rebuilds_the_value(round_trips):
    keep("v1", tags={"article:1", "ads"})
    tagcache.invalidate_tags("ads")
    assert keep("v2") == ("v2", ["v2"])
    assert keep("v3") == ("v2", [])


def test_a_value_built_while_something_was_invalidated_is_not_kept(round_trips):
    def build():
        tagcache.invalidate_tags("elsewhere")
        return "pendant"

    tagcache.kept("valeur", {"article:1"}, build, seconds=60)
    assert keep("après") == ("après", ["après"])


def test_a_kept_value_never_outlives_its_seconds(round_trips, time_machine):
    time_machine.move_to("2026-12-01 10:00:00+00:00", tick=False)
    keep("v1", seconds=30)
    time_machine.shift(29)
    assert keep("v2")[0] == "v1"
    time_machine.shift(2)
    assert keep("v3")[0] == "v3"


def test_nothing_is_kept_for_zero_seconds(round_trips):
    keep("v1", seconds=0)
    assert keep("v2") == ("v2", ["v2"])


def test_nothing_is_kept_for_none(round_trips):
    assert keep(None) == (None, [None])
    assert keep("v2") == ("v2", ["v2"])
