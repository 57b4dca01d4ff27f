"""Helpers of bench/live/run.sh.

python bench/live/helper.py prepare            # database, demo, live: "<id> <path> <token>"
python bench/live/helper.py reads ID           # what the page shows: database + Redis buffer
python bench/live/helper.py post BASE ID TOKEN EVERY SECONDS   # the journalist, through the API
python bench/live/helper.py report FILE        # the table and the targets of issue 14
"""

import json
import os
import re
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

P99_TARGET_MS = 100.0


def _django():
    import django

    django.setup()


def prepare():
    from benchlib import ensure_database

    ensure_database(os.environ["DATABASE_URL"])
    _django()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("demo_content", verbosity=0)
    from api.tokens import token_create
    from articles.models import Article
    from live.models import LivePost
    from newsroom.demo.live import LIVE_SLUG

    live = Article.objects.get(slug=LIVE_SLUG)
    # Every run starts from the demo's posts, the live running.
    LivePost.objects.filter(article=live, signature="Bench").delete()
    Article.objects.filter(pk=live.pk).update(live=Article.Live.RUNNING)
    journalist = live.article_authors.select_related("author__user").first().author.user
    _token, raw = token_create(user=journalist, name="bench/live")
    print(live.pk, live.get_absolute_url(), raw)


def reads(article_id):
    _django()
    from articles.models import Article
    from reads import services as reads_module

    print(reads_module.displayed_reads(Article.objects.get(pk=article_id)))


def post(base, article_id, token, every, seconds):
    """A post every ``every`` seconds for ``seconds``, as the journalist's app would send it."""
    url = f"{base}/api/v1/articles/{article_id}/live-posts/"
    deadline = time.monotonic() + float(seconds)
    sent, failed, latencies = 0, 0, []
    while time.monotonic() < deadline:
        started = time.monotonic()
        body = json.dumps({"body": f"<p>Point de situation n° {sent + failed + 1} : l’eau monte encore.</p>"})
        request = urllib.request.Request(
            url,
            data=body.encode(),
            method="POST",
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                ok = response.status == 201
        except OSError:
            ok = False
        sent, failed = sent + ok, failed + (not ok)
        latencies.append((time.monotonic() - started) * 1000)
        time.sleep(max(0.0, float(every) - (time.monotonic() - started)))
    print(f"POSTS sent={sent} failed={failed} max_ms={max(latencies):.1f}")


def report(path):
    text = Path(path).read_text()

    def fields(tag):
        line = re.search(rf"^{tag} (.*)$", text, re.M)
        return {key: float(value) for key, value in (item.split("=") for item in line.group(1).split())}

    page, builds, polls, posts = fields("RESULT"), fields("BUILDS"), fields("POLLS"), fields("POSTS")
    before, after = (int(n) for n in re.search(r"^reads before=(\d+) after=(\d+)$", text, re.M).groups())
    poll_count = polls["ok"] + polls["not_modified"] + polls["other"]
    print("| | requests | req/s | p50 ms | p99 ms | errors and non-2xx/304 |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| live page (64 connections) | {page['requests']:.0f} | {page['requests'] / page['span_s']:.0f} "
        f"| {page['p50_ms']:.1f} | {page['p99_ms']:.1f} | {page['other'] + page['socket_errors']:.0f} |"
    )
    print(
        f"| poll (1 000 readers, 1 per 15 s each) | {poll_count:.0f} | {poll_count / page['span_s']:.0f} "
        f"| {polls['p50_ms']:.1f} | {polls['p99_ms']:.1f} | {polls['other'] + polls['socket_errors']:.0f} |"
    )
    print(f"polls answered 304: {polls['not_modified'] / max(poll_count, 1):.1%}")
    print(
        f"posts: {posts['sent']:.0f} sent, {posts['failed']:.0f} failed (slowest {posts['max_ms']:.0f} ms); "
        f"page builds: {builds['built']:.0f} ({builds['built'] / max(posts['sent'], 1):.2f} per post), "
        f"previous copy served while building: {builds['stale']:.0f}"
    )
    print(f"reads: {after - before} counted for {page['ok']:.0f} pages served (polls: never counted)")
    failures = []
    if page["p99_ms"] > P99_TARGET_MS or polls["p99_ms"] > P99_TARGET_MS:
        failures.append("p99 above 100 ms")
    if page["other"] + page["socket_errors"] + polls["other"] + polls["socket_errors"] + posts["failed"]:
        failures.append("errors")
    # One stored build per post and per worker at most (2 workers), plus the page's own
    # expiry (ARTICLE_PAGE_CACHE_SECONDS) during the run.
    if builds["built"] > 2 * posts["sent"] + 2 * (page["span_s"] / 60 + 1):
        failures.append("stampede")
    if after - before != page["ok"]:
        failures.append("reads not exact")
    print("targets: " + ("all met" if not failures else "MISSED: " + ", ".join(failures)))


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    {"prepare": prepare, "reads": reads, "post": post, "report": report}[command](*arguments)
