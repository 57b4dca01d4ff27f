#!/usr/bin/env python3
"""The morning newsletter for N subscribers: time and peak memory to build the digests
and hand them to an SMTP server.

Runs ``send_newsletter``'s own code (``newsletter_queue`` with the immediate task
backend, so every batch runs in this process, as one worker would run them in turn)
against a real SMTP server on loopback (aiosmtpd) that accepts and drops each message.
The database holds the demo newspaper (4 regions) and N confirmed subscribers, each
with one to three regions.

    .venv/bin/python bench/newsletter/digest.py                 # 10 000 subscribers
    .venv/bin/python bench/newsletter/digest.py --subscribers 2000

Needs PostgreSQL (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/newsroom_newsletter, created if missing; its
subscribers are replaced by each run). Loopback only.
"""

import argparse
import os
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from benchlib import ensure_database, free_port  # noqa: E402


class Sink:
    def __init__(self):
        self.count = 0
        self.bytes = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        self.bytes += len(envelope.content)
        return "250 OK"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_newsletter")
    ensure_database(url)
    port = free_port()
    os.environ.update(
        DATABASE_URL=url,
        DEBUG="0",
        SECRET_KEY="bench-only",
        ALLOWED_HOSTS="localhost",
        TASKS_BACKEND="immediate",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        SITE_URL="https://www.example.org",
        REDIS_URL="",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from aiosmtpd.controller import Controller
    from django.core.management import call_command

    from articles.models import Category
    from newsletter.models import Subscriber
    from newsletter.sending import newsletter_queue

    call_command("migrate", verbosity=0)
    call_command("demo_content", verbosity=0)
    regions = list(Category.objects.filter(parent__isnull=True))
    Subscriber.objects.all().delete()
    rng = random.Random(7)
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"lecteur{n}@example.org") for n in range(args.subscribers)
    )
    through = Subscriber.regions.through
    through.objects.bulk_create(
        through(subscriber_id=subscriber.pk, category_id=region.pk)
        for subscriber in subscribers
        for region in rng.sample(regions, rng.randint(1, 3))
    )

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        tracemalloc.start()
        started_cpu, started = time.process_time(), time.perf_counter()
        queued = newsletter_queue(batch_size=args.batch)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        controller.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"subscribers: {args.subscribers}, queued: {queued}, received by SMTP: {sink.count}")
    print(f"wall: {elapsed:.1f} s ({args.subscribers / elapsed:.0f} digests/s), CPU: {cpu:.1f} s")
    print(f"peak Python allocations during the send: {peak / 1e6:.1f} MB; process max RSS: {rss:.0f} MB")
    print(f"average message: {sink.bytes / max(1, sink.count) / 1024:.1f} KiB; load average: {os.getloadavg()[0]:.1f}")
    if sink.count != args.subscribers:
        sys.exit(f"expected {args.subscribers} messages, the SMTP server received {sink.count}")


if __name__ == "__main__":
    main()
