"""Helpers of bench/throughput/run.sh: which pages, the displayed read count, the report.

python bench/throughput/helper.py pages          # "<article id> <article path> <section path>"
python bench/throughput/helper.py reads ID       # what the page shows: database + Redis buffer
python bench/throughput/helper.py report FILE    # medians and targets from run.sh's results
python bench/throughput/helper.py archive BASE N FILE  # N archive articles read once, paths in FILE
"""

import os
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

# Requests/s of each article page against robots.txt's (issue 15).
RATIO_TARGETS = {"article": 0.90, "article_304": 0.90, "article_uncached": 0.20, "article_archive": 0.20}
P99_TARGET_MS = 100.0
RSS_TARGET_KB = 150 * 1024


def bench_article():
    """The hand-written demo article with an encadré used by every run (and bench/scale)."""
    from articles.models import Article
    from newsroom.demo import texts as demo_data

    titles = [entry["title"] for entry in demo_data.ARTICLES]
    return Article.objects.published().filter(title__in=titles, boxes__isnull=False).order_by("pk").first()


def pages():
    import django

    django.setup()
    article = bench_article()
    print(article.pk, article.get_absolute_url(), article.category.get_absolute_url())


def archive(base, count, path):
    """``count`` archive articles spread over the archive, each read once (as by a reader
    days ago: their rendered parts are kept in the database, for the origin the workers
    see), their paths written to ``path`` for bench/throughput/archive.lua."""
    import django

    django.setup()
    from datetime import timedelta
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from articles.models import Article

    old = Article.objects.published().filter(
        publish_at__lt=timezone.now() - timedelta(days=settings.ARTICLE_ARCHIVE_DAYS + 1)
    )
    ids = list(old.order_by("pk").values_list("pk", flat=True))
    chosen = ids[:: max(1, len(ids) // count)][:count]
    paths = [article.get_absolute_url() for article in Article.objects.filter(pk__in=chosen).select_related("category")]
    # curl's User-Agent: a robot, never counted.
    client = Client(HTTP_HOST=urlsplit(base).netloc, HTTP_USER_AGENT="curl/8")
    for url in paths:
        assert client.get(url).status_code == 200, url
    Path(path).write_text("".join(f"{url}?bench=archive\n" for url in paths))


def reads(article_id):
    import django

    django.setup()
    from articles.models import Article
    from reads import services as reads_module

    print(reads_module.displayed_reads(Article.objects.get(pk=article_id)))


def report(path):
    text = Path(path).read_text()
    runs = {}
    for name, fields in re.findall(r"^(\S+) run\d load=\S+ RESULT (.*)$", text, re.M):
        values = {key: float(value) for key, value in (item.split("=") for item in fields.split())}
        # bench/reads/readers.lua reports the article (or page) responses and their span.
        values.update(rps=values["requests"] / values["span_s"], non200=values["other"], errors=values["socket_errors"])
        runs.setdefault(name, []).append(values)
    medians = {
        name: {key: statistics.median(run[key] for run in entries) for key in ("rps", "p50_ms", "p99_ms")}
        for name, entries in runs.items()
    }
    print("| page | req/s (median of 3) | p50 ms | p99 ms | non-200 + errors |")
    print("|---|---:|---:|---:|---:|")
    for name, value in medians.items():
        bad = sum(run["non200"] + run["errors"] for run in runs[name])
        print(f"| {name} | {value['rps']:.0f} | {value['p50_ms']:.1f} | {value['p99_ms']:.1f} | {bad:.0f} |")
    failures = []
    for name, target in RATIO_TARGETS.items():
        if name not in medians:
            continue
        # Round by round: each page against the robots.txt measured in the same round.
        shares = [run["rps"] / ceiling["rps"] for run, ceiling in zip(runs[name], runs["robots.txt"], strict=False)]
        share = statistics.median(shares)
        rounds = ", ".join(f"{value:.2f}" for value in shares)
        print(f"{name} / robots.txt: {share:.2f} (rounds {rounds}; target ≥ {target:.2f})")
        if share < target:
            failures.append(f"{name} throughput")
    if medians["article"]["p99_ms"] >= P99_TARGET_MS:
        failures.append("article p99")
    rss = [int(kb) for kb in re.findall(r"VmHWM:\s+(\d+) kB", text)]
    if rss:
        print(f"peak RSS per worker: {', '.join(f'{kb / 1024:.0f} MB' for kb in rss)} (target < 150 MB)")
        if max(rss) >= RSS_TARGET_KB:
            failures.append("worker RSS")
    counted = re.search(r"article reads before=(\d+) after=(\d+)", text)
    # The demo article's pages (article_archive reads other articles).
    served = sum(
        int(ok) for ok in re.findall(r"^article(?!_archive)\S* (?:warmup|run\d).*?RESULT .*?ok=(\d+)", text, re.M)
    )
    if counted:
        delta = int(counted.group(2)) - int(counted.group(1))
        print(f"reads counted during the article runs: {delta} for {served} pages recorded by wrk (must be equal)")
        if delta != served:
            failures.append("reads not counted exactly")
    print("targets: " + ("all met" if not failures else "MISSED: " + ", ".join(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "pages":
        pages()
    elif command == "reads":
        reads(int(sys.argv[2]))
    elif command == "archive":
        archive(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        report(sys.argv[2])
