#!/usr/bin/env python3
"""Concurrency benchmark of reader reactions through the real HTTP stack.

Starts gunicorn (DEBUG off, PostgreSQL, Redis cache) on a loopback port, creates a
benchmark article, then fires N simultaneous POSTs (threads released together by a
barrier, one connection each) at /reactions/articles/<id>/:

1. ``distinct``: N different readers, N different messages → all N stored, once each.
2. ``duplicates``: the same reader sends the same message N times at once → exactly
   one stored (the unique constraint on the normalised-message hash settles the race);
   the others get 400 "Message déjà envoyé".
3. ``ratelimit``: N different readers behind one IP with the default limits (20 per IP
   hash per 10 min) → 20 stored, the rest get 429 (counters shared by all workers in Redis).

Scenarios 1 and 2 raise the rate limits for the server so they test storage, not the limiter.

    .venv/bin/python bench/reactions/bench.py              # N=200, 4 workers x 8 threads
    .venv/bin/python bench/reactions/bench.py -n 500 --workers 8

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/newsroom_comments,
created if missing, reactions of the benchmark article deleted before each scenario)
and Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/8, emptied by the run).
Loopback only. Exit status 1 when a scenario does not store exactly what it must.
"""

import argparse
import collections
import http.client
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from benchlib import ensure_database, free_port  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
SLUG = "banc-d-essai-des-reactions"
LOG = os.path.join(tempfile.gettempdir(), "newsroom-reactions-bench.log")

SETUP = f"""
import time
from django.utils import timezone
from articles.models import Article, Category
from comments.forms import make_token
region, _ = Category.objects.get_or_create(slug="banc-region", parent=None, defaults={{"name": "Banc d'essai"}})
section, _ = Category.objects.get_or_create(slug="banc-rubrique", parent=region, defaults={{"name": "Mesures"}})
article, _ = Article.objects.update_or_create(slug="{SLUG}", defaults=dict(
    title="Banc d'essai : deux cents réactions à la fois",
    standfirst="Un article de mesure, jamais montré aux lecteurs du site.",
    body="<p>Le conseil municipal a voté le budget.</p>",
    category=section, status=Article.Status.PUBLISHED, reactions_enabled=True,
    publish_at=timezone.now() - timezone.timedelta(hours=1),
    first_published_at=timezone.now() - timezone.timedelta(hours=1),
))
article.reactions.all().delete()
print("ARTICLE", article.pk, article.get_absolute_url())
print("TOKEN", make_token(article.pk, now=time.time() - 30))
"""

COUNT = f"""
from django.db.models import Count
from comments.models import Reaction
rows = Reaction.objects.filter(article__slug="{SLUG}")
print("ROWS", rows.count(), rows.values("article", "email", "message_hash").distinct().count())
"""


def manage(env, *args, stdin=None):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


class Server:
    def __init__(self, env, workers, threads):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "newsroom.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--backlog",
                "2048",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stderr=open(LOG, "a"),  # 4xx warnings of django.request; read it when a scenario fails
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        sys.exit("gunicorn did not start")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


def csrf_pair(port, path):
    """One CSRF cookie and form token, reused by every simulated reader (Django accepts it)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    body = response.read().decode()
    cookies = response.headers.get_all("Set-Cookie") or []
    cookie = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    return cookie, token


def fire(port, article_id, bodies, cookie):
    """POST every body at once; returns [(status, seconds, error text)]."""
    barrier = threading.Barrier(len(bodies))
    results = [None] * len(bodies)

    def one(index, body):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.connect()
        barrier.wait()
        start = time.perf_counter()
        try:
            conn.request(
                "POST",
                f"/reactions/articles/{article_id}/",
                body=body,
                headers={
                    "Host": "127.0.0.1",
                    "Cookie": cookie,
                    "Accept": "application/json",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            response = conn.getresponse()
            payload = response.read().decode()
            errors = ""
            if response.status >= 400:
                try:
                    errors = "; ".join(m for ms in json.loads(payload)["errors"].values() for m in ms)
                except (ValueError, KeyError):
                    errors = payload[:80]
            results[index] = (response.status, time.perf_counter() - start, errors)
        except Exception as error:  # noqa: BLE001 - reported in the figures
            results[index] = (0, time.perf_counter() - start, repr(error))
        finally:
            conn.close()

    threads = [threading.Thread(target=one, args=(i, b)) for i, b in enumerate(bodies)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - start


def report(name, results, wall, rows, distinct_rows, expected_rows):
    statuses = collections.Counter(status for status, _, _ in results)
    errors = collections.Counter(error for _, _, error in results if error)
    latencies = sorted(seconds for _, seconds, _ in results)
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    ok = rows == expected_rows and distinct_rows == rows and 0 not in statuses and 500 not in statuses
    print(f"\n## {name}: {len(results)} simultaneous POSTs")
    print(f"statuses: {dict(sorted(statuses.items()))}")
    for error, count in errors.most_common(3):
        print(f"  {count} x {error}")
    print(f"rows stored: {rows} (expected {expected_rows}, distinct {distinct_rows}) -> {'OK' if ok else 'FAIL'}")
    print(
        f"wall {wall:.2f} s, latency median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=200, help="simultaneous posts per scenario")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_comments")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    ensure_database(database_url)
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "REACTIONS_QUEUE_ALERT": "0",
        "CONN_MAX_AGE": "0",
        "STATIC_ROOT": os.path.join(tempfile.gettempdir(), "newsroom-reactions-bench-static"),
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")

    def setup():
        out = manage(env, "shell", "-c", SETUP)
        article_id, path = re.search(r"ARTICLE (\d+) (\S+)", out).groups()
        return int(article_id), path, re.search(r"TOKEN (\S+)", out).group(1)

    def count():
        rows, distinct = map(int, re.search(r"ROWS (\d+) (\d+)", manage(env, "shell", "-c", COUNT)).groups())
        return rows, distinct

    all_ok = True
    n = args.n
    print(
        f"gunicorn {args.workers} workers x {args.threads} threads, PostgreSQL {urlparse(database_url).path}, "
        f"Redis cache, N={n}"
    )
    for scenario in ("distinct", "duplicates", "ratelimit"):
        limits = {"REACTIONS_RATE_PER_IP": "100000", "REACTIONS_RATE_PER_EMAIL": "100000"}
        if scenario == "ratelimit":
            limits = {"REACTIONS_RATE_PER_IP": "20", "REACTIONS_RATE_PER_EMAIL": "5"}
        redis.Redis.from_url(redis_url).flushdb()
        article_id, path, token = setup()
        server = Server({**env, **limits}, args.workers, args.threads)
        try:
            cookie, csrf = csrf_pair(server.port, path)
            bodies = []
            for i in range(n):
                same = scenario == "duplicates"
                bodies.append(
                    urlencode(
                        {
                            "csrfmiddlewaretoken": csrf,
                            "token": token,
                            "website": "",
                            "name": "Lectrice du banc" if same else f"Lecteur {i}",
                            "email": "banc@example.org" if same else f"lecteur{i}@example.org",
                            "message": "Toujours le même avis sur ce dossier."
                            if same
                            else f"Avis numéro {i} sur ce dossier.",
                        }
                    )
                )
            results, wall = fire(server.port, article_id, bodies, cookie)
        finally:
            server.stop()
        rows, distinct = count()
        expected = {"distinct": n, "duplicates": 1, "ratelimit": min(n, 20)}[scenario]
        all_ok &= report(scenario, results, wall, rows, distinct, expected)
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
