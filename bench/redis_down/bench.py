"""What a dead Redis costs a page: live, refused, hanging, and no cache at all.

Usage: .venv/bin/python bench/redis_down/bench.py [--requests 30] [--redis redis://127.0.0.1:6379/11]

In process (Django's test client on a temporary SQLite database with a few articles),
so that the figures are about the cache backend, not the HTTP stack. For each mode the
same pages are asked in turn; "no cache" (Django's dummy backend) is the cost of
building every page, which is what a dead Redis must come down to. "hanging" is a
listener that accepts connections and never answers. The live mode uses the given
Redis database (flushed at the start and the end).
"""

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def silent_listener():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(256)
    kept = []

    def accept():
        while True:
            kept.append(server.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    return f"redis://127.0.0.1:{server.getsockname()[1]}/0"


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"redis://127.0.0.1:{probe.getsockname()[1]}/0"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30, help="requests per page and mode")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/11", help="a Redis database the bench may flush")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="bench-redis-down-")
    os.environ.update(
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{workdir}/db.sqlite3",
        MEDIA_ROOT=f"{workdir}/media",
        READS_BUFFER="0",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    import django

    django.setup()
    import redis
    from django.core.cache import caches
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from tests.factories import ArticleFactory, SectionFactory

    section = SectionFactory()
    articles = [ArticleFactory(category=section) for _ in range(12)]
    pages = ["/", articles[-1].get_absolute_url(), f"/{section.path}/", f"/{section.parent.path}/", "/admin/login/"]

    redis.Redis.from_url(args.redis).flushdb()

    def backend(url):
        return {
            "default": {
                "BACKEND": "newsroom.redis_cache.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "bench",
                "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},  # the production defaults
            }
        }

    modes = {
        "no cache (build every page)": {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
        "Redis live": backend(args.redis),
        "Redis refused": backend(closed_port()),
        "Redis hanging": backend(silent_listener()),
    }
    timings = {mode: [] for mode in modes}
    slowest = []
    client = Client()
    for page in pages:  # templates compiled before the clock starts
        client.get(page)
    for _round in range(args.requests):
        for mode, caches_setting in modes.items():
            with override_settings(CACHES=caches_setting):
                for page in pages:
                    start = time.perf_counter()
                    status = client.get(page).status_code
                    timings[mode].append(time.perf_counter() - start)
                    slowest.append((time.perf_counter() - start, mode, page))
                    assert status == 200, (mode, page, status)
            caches.close_all()

    load = os.getloadavg()[0]
    print(f"{args.requests} rounds × {len(pages)} pages per mode, load average {load:.1f}")
    print("| mode | median | p95 | max |")
    print("|---|---|---|---|")
    for mode, values in timings.items():
        values.sort()
        p95 = values[int(len(values) * 0.95) - 1]
        print(
            f"| {mode} | {statistics.median(values) * 1000:.1f} ms | {p95 * 1000:.1f} ms | {values[-1] * 1000:.1f} ms |"
        )
    print("slowest requests:", ", ".join(f"{t * 1000:.0f} ms {mode} {page}" for t, mode, page in sorted(slowest)[-4:]))
    redis.Redis.from_url(args.redis).flushdb()


if __name__ == "__main__":
    main()
