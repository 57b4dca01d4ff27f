"""Median latency of the hot pages, in process, with the page cache out of the way.

Usage (from the project root; run.sh sets the environment):

    python bench/scale/measure.py compare --small URL --big URL --out results.json
    python bench/scale/measure.py table results.json

``compare`` starts one worker per data set (``worker``: Django's test Client against
its DATABASE_URL) and asks them for one request each in turn, so that both data sets
are measured under the same machine load (the benchmark machine is shared). The page cache is replaced by Django's DummyCache, so every request
pays the full price of its page (queries, template), which is what grows with the
archive; read counting stays on (a real reader's cost). Pages are chosen so that
they exist in both data sets: a hand-written demo article, the fullest section, the
most used tag.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

TARGET_RATIO = 1.5
ABSOLUTE_TARGETS_MS = {"admin changelist": 300.0, "search (common word)": 100.0, "search (rare word)": 100.0}


def pages():
    """[(label, url, needs_login)] of the pages to measure on this database."""
    from django.db.models import Count
    from taggit.models import Tag

    from articles.models import Article, Category
    from articles.views import PAGE_SIZE
    from newsroom.demo import texts as demo_data

    published = Article.objects.published()
    demo_slugs = [entry["title"] for entry in demo_data.ARTICLES]
    # A hand-written demo article: same page (photo, boxes, tags) in both data sets.
    article = published.filter(title__in=demo_slugs, boxes__isnull=False).order_by("pk").first()
    section = Category.objects.filter(parent__isnull=False).annotate(n=Count("articles")).order_by("-n", "pk").first()
    section_count = published.filter(category=section).count()
    last_page = max(1, -(-section_count // PAGE_SIZE))
    tag = Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n", "pk").first()
    return [
        ("article page", article.get_absolute_url(), False),
        ("home", "/", False),
        ("section page 1", section.get_absolute_url(), False),
        ("section last page", f"{section.get_absolute_url()}?page={last_page}", False),
        ("tag page", f"/mots-cles/{tag.slug}/", False),
        ("search (common word)", "/recherche/?q=commune", False),
        ("search (rare word)", "/recherche/?q=patrimoine", False),
        ("admin changelist", "/admin/articles/article/", True),
    ]


def restore_baseline_admin():
    """The article changelist as it was before the scale fixes (for the "before" column).

    Its tag filter joined every tagged item twice then DISTINCT, its author filter read
    every article's bylines, and it counted the whole table a second time.
    """
    from django.contrib import admin
    from taggit.models import Tag

    from articles import admin as article_admin
    from articles.models import Article

    class OldUsedTagListFilter(admin.RelatedFieldListFilter):
        def field_choices(self, field, request, model_admin):
            return list(
                Tag.objects.filter(taggit_taggeditem_items__content_type__model="article")
                .filter(taggit_taggeditem_items__content_type__app_label="articles")
                .distinct()
                .order_by("name")
                .values_list("pk", "name")
            )

    model_admin = admin.site._registry[Article]
    model_admin.list_filter = (
        article_admin.MineListFilter,
        "status",
        ("category", article_admin.CategoryListFilter),
        ("authors", admin.RelatedOnlyFieldListFilter),
        ("tags", OldUsedTagListFilter),
    )
    model_admin.show_full_result_count = True


def worker(baseline=False):
    """One data set, driven over stdin/stdout by ``compare``: one request per line asked."""
    import django

    django.setup()
    if baseline:
        restore_baseline_admin()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from articles.models import Article

    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy):
        editor = get_user_model().objects.get(username="redaction")
        anonymous = Client(HTTP_USER_AGENT="Mozilla/5.0 (bench/scale)")
        staff = Client(HTTP_USER_AGENT="Mozilla/5.0 (bench/scale)")
        staff.force_login(editor)
        listed = pages()
        print(
            json.dumps(
                {
                    "database": connection.settings_dict["NAME"],
                    "articles": Article.objects.count(),
                    "reactions": _reactions_count(),
                    "pages": [[name, url] for name, url, _ in listed],
                }
            ),
            flush=True,
        )
        for line in sys.stdin:
            name, url, needs_login = listed[int(line)]
            client = staff if needs_login else anonymous
            started = time.perf_counter()
            response = client.get(url, secure=True)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{name}: {url} answered {response.status_code}")
            print(f"{elapsed:.3f}", flush=True)


def compare(small_url, big_url, warmup, repeat, baseline, out):
    """Small and big measured in turn, request by request: both see the same machine load."""
    import subprocess

    def start(url):
        env = {**os.environ, "DATABASE_URL": url}
        command = [sys.executable, __file__, "worker"] + (["--baseline"] if baseline else [])
        process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return process, json.loads(process.stdout.readline())

    (small, small_info), (big, big_info) = start(small_url), start(big_url)

    def ask(process, index):
        process.stdin.write(f"{index}\n")
        process.stdin.flush()
        return float(process.stdout.readline())

    results = {
        "small": {**small_info, "pages": {}},
        "big": {**big_info, "pages": {}},
        "load_before": os.getloadavg(),
        "baseline": baseline,
    }
    for index, (name, _small_page) in enumerate(small_info["pages"]):
        timings = {"small": [], "big": []}
        for round_ in range(warmup + repeat):
            for label, process in (("small", small), ("big", big)):
                elapsed = ask(process, index)
                if round_ >= warmup:
                    timings[label].append(elapsed)
        for label, info in (("small", small_info), ("big", big_info)):
            results[label]["pages"][name] = {
                "url": info["pages"][index][1],
                "median_ms": statistics.median(timings[label]),
            }
        print(
            f"{name:24} small {results['small']['pages'][name]['median_ms']:8.1f} ms   "
            f"big {results['big']['pages'][name]['median_ms']:8.1f} ms   {big_info['pages'][index][1]}",
            flush=True,
        )
    results["load_after"] = os.getloadavg()
    for process in (small, big):
        process.stdin.close()
        process.wait()
    Path(out).write_text(json.dumps(results, indent=2))
    return results


def _reactions_count():
    try:
        from comments.models import Reaction
    except ImportError:
        return None
    return Reaction.objects.count()


def table(results):
    small, big = results["small"], results["big"]
    lines = [
        f"small: {small['articles']} articles, {small['reactions']} reactions; "
        f"big: {big['articles']} articles, {big['reactions']} reactions; "
        f"load average {results['load_before'][0]:.2f} before, {results['load_after'][0]:.2f} after"
        + (" (baseline admin)" if results.get("baseline") else ""),
        "",
        "| page | median small (ms) | median big (ms) | ratio | verdict |",
        "|---|---:|---:|---:|---|",
    ]
    failures = 0
    for name, entry in small["pages"].items():
        small_ms = entry["median_ms"]
        big_ms = big["pages"][name]["median_ms"]
        ratio = big_ms / small_ms
        problems = []
        if ratio > TARGET_RATIO:
            problems.append(f"ratio > {TARGET_RATIO}")
        limit = ABSOLUTE_TARGETS_MS.get(name)
        if limit and big_ms >= limit:
            problems.append(f"≥ {limit:.0f} ms")
        failures += bool(problems)
        verdict = "FAIL: " + ", ".join(problems) if problems else "ok"
        lines.append(f"| {name} | {small_ms:.1f} | {big_ms:.1f} | {ratio:.2f} | {verdict} |")
    return "\n".join(lines), failures


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("compare")
    run.add_argument("--small", required=True, help="DATABASE_URL of the 1 000-article set")
    run.add_argument("--big", required=True, help="DATABASE_URL of the 100 000-article set")
    run.add_argument("--out", required=True)
    run.add_argument("--warmup", type=int, default=5)
    run.add_argument("--repeat", type=int, default=30)
    run.add_argument("--baseline", action="store_true", help="the admin changelist as before the fixes")
    serve = commands.add_parser("worker")
    serve.add_argument("--baseline", action="store_true")
    show = commands.add_parser("table")
    show.add_argument("results")
    args = parser.parse_args()
    if args.command == "worker":
        worker(args.baseline)
        return
    if args.command == "compare":
        results = compare(args.small, args.big, args.warmup, args.repeat, args.baseline, args.out)
    else:
        results = json.loads(Path(args.results).read_text())
    text, failures = table(results)
    print(text)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
