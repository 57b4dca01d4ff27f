#!/usr/bin/env python3
"""Load benchmark of read counting: the article page with counting on vs off.

Starts gunicorn (2 sync workers, PostgreSQL, DEBUG off) on a loopback port, creates a
benchmark article, and drives it with wrk (bench/reads/readers.lua: a new reader,
i.e. a distinct cookie, on every request). For each mode (database; Redis buffer +
flush_reads) it prints requests/s with counting on and off, their ratio, and the
counter delta against the number of 200 responses, which must be equal.

    .venv/bin/python bench/reads/bench.py            # both modes, 3 rounds of 10 s
    .venv/bin/python bench/reads/bench.py --modes db --rounds 1 --seconds 5

Needs: wrk (apt-get install -y wrk), PostgreSQL (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/newsroom_reads_bench, created if missing), Redis
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/7 — emptied by the run).
Only loopback traffic; every run is bounded by --seconds.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from benchlib import ensure_database, free_port  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LUA = str(Path(__file__).with_name("readers.lua"))
SLUG = "banc-d-essai-des-lectures"

ARTICLE_SETUP = f"""
from django.utils import timezone
from articles.models import Article, Category
region, _ = Category.objects.get_or_create(slug="banc-region", parent=None, defaults={{"name": "Banc d'essai"}})
section, _ = Category.objects.get_or_create(slug="banc-rubrique", parent=region, defaults={{"name": "Mesures"}})
article, _ = Article.objects.get_or_create(slug="{SLUG}", defaults=dict(
    title="Banc d'essai : combien coûte le compteur de lectures ?",
    standfirst="Un article de mesure, jamais montré aux lecteurs du site.",
    body="<p>" + "Le conseil municipal a voté le budget primitif après trois heures de débat. " * 40 + "</p>",
    category=section, status=Article.Status.PUBLISHED, publish_at=timezone.now() - timezone.timedelta(days=1),
))
print("URL", article.get_absolute_url())
"""

COUNTER = f"""
from django.db.models import Sum
from articles.models import Article
from reads.models import ReadDay
article = Article.objects.get(slug="{SLUG}")
print("COUNTER", article.reads, ReadDay.objects.filter(article=article).aggregate(s=Sum("count"))["s"] or 0)
"""


def base_env(database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_URL", "READS_", "DATABASE_URL"))}
    env.update(
        DEBUG="0",
        READS_NETWORK_CAP="0",  # every simulated reader comes from loopback: measure the counter, not the cap
        SECRET_KEY="bench-" + secrets.token_urlsafe(32),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args, code=None):
    command = [PYTHON, "manage.py", *args] + (["-c", code] if code else [])
    return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


def prepare():
    """The benchmark database (migrated), static files and article; returns (env, url path)."""
    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_reads_bench")
    ensure_database(database_url)
    env = base_env(database_url)
    env["STATIC_ROOT"] = os.path.join(tempfile.gettempdir(), "newsroom-reads-bench-static")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    url_path = re.search(r"URL (\S+)", manage(env, "shell", code=ARTICLE_SETUP)).group(1)
    return env, url_path


# Which of a run's readers (cookies "<nonce>-tNNN-NNNNNNNNN", see readers.lua) left a
# dedupe mark: the readers that reached the counter, whatever wrk saw.
MARKS = """
from reads import buffer
from reads import services as reads
from articles.models import Article
from reads.models import ReaderMark
article = Article.objects.get(slug="%(slug)s")
client = buffer.redis_client()
if client is None:
    known = set(ReaderMark.objects.filter(article=article).values_list("reader", flat=True))
    seen = lambda reader: reader in known
else:
    prefix = buffer.key_names()["mark"] + str(article.pk) + ":"
    seen = lambda reader: client.exists(prefix + reader) == 1
total = 0
for tid in range(1, %(threads)d + 1):
    n, misses = 0, 0
    while misses < 50:  # wrk builds thread 1's first request and never sends it
        n += 1
        if seen(reads.reader_from_cookie("%(nonce)s-t%%03d-%%09d" %% (tid, n))):
            total, misses = total + 1, 0
        else:
            misses += 1
print("MARKS", total)
"""


def marks(env, nonce, threads):
    out = manage(env, "shell", code=MARKS % {"slug": SLUG, "nonce": nonce, "threads": threads})
    return int(re.search(r"MARKS (\d+)", out).group(1))


def counter(env):
    out = manage(env, "shell", code=COUNTER)
    reads, days = map(int, re.search(r"COUNTER (\d+) (\d+)", out).groups())
    return reads, days


class Server:
    def __init__(self, env, port):
        self.port = port
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "newsroom.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn died: {self.process.stderr.read()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer in 30 s")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def wrk(url, seconds, connections, nonce):
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(connections),
            "-c",
            str(connections),
            "-d",
            f"{seconds + 5}s",
            "--timeout",
            "10s",
            "-s",
            LUA,
            url,
            "--",
            str(seconds),
            nonce,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    fields = dict(re.findall(r"(\w+)=([\d.]+)", out.split("RESULT", 1)[1]))
    result = {k: float(v) for k, v in fields.items()}
    result["rps"] = result["requests"] / result["span_s"]
    return result


def run_one(env, url_path, *, seconds, connections, buffered):
    port = free_port()
    server = Server(env, port)
    try:
        url = f"http://127.0.0.1:{port}{url_path}"
        wrk(url, 2, connections, "w" + secrets.token_hex(4))  # warm-up: workers, connections, caches
        time.sleep(2 * float(env.get("READS_QUEUE_SECONDS", 0)) + 0.5)  # the warm-up's queued reads land
        if buffered:
            manage(env, "flush_reads")
        before = counter(env)
        nonce = "r" + secrets.token_hex(4)
        result = wrk(url, seconds, connections, nonce)
    finally:
        server.stop()
    if buffered:
        manage(env, "flush_reads")
    after = counter(env)
    result["delta"] = after[0] - before[0]
    result["delta_days"] = after[1] - before[1]
    result["marks"] = marks(env, nonce, connections)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modes", default="db,redis")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--queue-seconds", default="0.5", help="READS_QUEUE_SECONDS of the workers (0: each request sends its own read)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    env, url_path = prepare()
    env["READS_QUEUE_SECONDS"] = args.queue_seconds
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    print(
        f"article {url_path}; {args.rounds} round(s) of {args.seconds} s, {args.connections} connections, "
        f"gunicorn 2 sync workers, {os.cpu_count()} CPU(s), READS_QUEUE_SECONDS={args.queue_seconds}\n"
    )

    summary = []
    for mode in args.modes.split(","):
        mode_env = dict(env)
        if mode == "redis":
            import redis

            redis.Redis.from_url(redis_url).flushdb()
            mode_env.update(REDIS_URL=redis_url)
        rps = {"on": [], "off": []}
        exact = True
        for round_ in range(1, args.rounds + 1):
            for state in ("on", "off"):
                run_env = dict(mode_env, READS_ENABLED="1" if state == "on" else "0")
                r = run_one(
                    run_env, url_path, seconds=args.seconds, connections=args.connections, buffered=mode == "redis"
                )
                rps[state].append(r["rps"])
                expected = int(r["ok"]) if state == "on" else 0
                ok = r["delta"] == expected and r["delta_days"] == expected and r["marks"] == expected
                exact &= ok
                print(
                    f"{mode:5} round {round_} counting {state:3}: {r['rps']:7.1f} req/s  200={int(r['ok'])} "
                    f"other={int(r['other'])} errors={int(r['socket_errors'])} p50={r['p50_ms']}ms "
                    f"p99={r['p99_ms']}ms  counter +{r['delta']} (days +{r['delta_days']}, readers marked {r['marks']}) "
                    f"{'= 200s' if ok else '!= expected ' + str(expected)}"
                )
        on, off = statistics.median(rps["on"]), statistics.median(rps["off"])
        summary.append((mode, on, off, exact))
        print()

    print("mode   counting on   counting off   on/off   cost    counter == 200 responses")
    for mode, on, off, exact in summary:
        print(
            f"{mode:5}  {on:9.1f}/s   {off:10.1f}/s   {on / off:6.3f}   {100 * (1 - on / off):4.1f} %   "
            f"{'yes' if exact else 'NO'}"
        )


if __name__ == "__main__":
    main()
