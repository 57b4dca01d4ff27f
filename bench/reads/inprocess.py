#!/usr/bin/env python3
"""Per-request cost of counting, measured inside one Django process.

The wrk benchmark (bench.py) is end to end but, on a small shared machine, its
throughput swings more between runs than counting costs. This one alternates
counting on and off request by request (same process, same database, same moment),
so background load hits both sides alike, and reports the mean time of the article
page through the whole middleware stack with and without counting, per mode.

    .venv/bin/python bench/reads/inprocess.py --requests 300
"""

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402

AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="per side and mode")
    parser.add_argument("--modes", default="db,redis")
    parser.add_argument(
        "--queue-seconds", default="0.5", help="READS_QUEUE_SECONDS (0: each request sends its own read)"
    )
    args = parser.parse_args()
    env, url_path = bench.prepare()
    env["READS_QUEUE_SECONDS"] = args.queue_seconds
    os.environ.update(env, ALLOWED_HOSTS="testserver", DJANGO_SETTINGS_MODULE="newsroom.settings")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    from articles.models import Article
    from reads import services as reads

    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    client = Client()
    nonce = secrets.token_hex(4)
    print(
        f"{args.requests} requests per side, alternating on/off, {url_path}, READS_QUEUE_SECONDS={args.queue_seconds}\n"
    )
    print("mode   counting on   counting off   cost per read   cost")
    for mode in args.modes.split(","):
        overrides = {"READS_BUFFER": mode == "redis", "READS_REDIS_URL": redis_url if mode == "redis" else ""}
        times = {True: [], False: []}
        before = Article.objects.get(slug=bench.SLUG).reads
        # The mode for the whole loop (the queue's thread reads the settings when it sends).
        with override_settings(**overrides):
            for n in range(2 * args.requests + 20):
                enabled = n % 2 == 0
                with override_settings(READS_ENABLED=enabled):
                    started = time.perf_counter()
                    response = client.get(
                        url_path,
                        headers={"user-agent": AGENT, "cookie": f"nr_lecteur={nonce}-{mode}-{n:09d}"},
                    )
                    elapsed = time.perf_counter() - started
                assert response.status_code == 200, response.status_code
                if n >= 20:  # the first ones warm the caches
                    times[enabled].append(elapsed * 1000)
            reads.QUEUE.send()  # what the thread has not sent yet
            if mode == "redis":
                bench.manage(dict(env, REDIS_URL=redis_url), "flush_reads")
        counted = Article.objects.get(slug=bench.SLUG).reads - before
        on, off = statistics.mean(times[True]), statistics.mean(times[False])
        print(
            f"{mode:5}  {on:8.2f} ms   {off:9.2f} ms   {on - off:10.2f} ms   {100 * (on - off) / off:5.1f} %"
            f"   (counted {counted} of {args.requests + 10} reads with counting on)"
        )


if __name__ == "__main__":
    main()
