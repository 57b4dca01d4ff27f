"""Builds started when many readers hit a page just invalidated, through gunicorn.

    python bench/throughput/stampede.py http://127.0.0.1:8061 --readers 64

Run with the environment of the server (DATABASE_URL, REDIS_URL): the script invalidates
the pages' tags as an editor's action would. Two cases for the article of the bench and
for the home page: the page was cached and is invalidated (the previous copy exists),
and the page was never built (a cold article). All readers are released at once by a
barrier; each response says what the page cache did (X-Page-Cache: "miss" for the one
stored build, "hit", "stale" for the previous copy, none for a build not stored).
"""

import argparse
import collections
import os
import sys
import threading
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def fetch(url):
    request = urllib.request.Request(url, headers={"User-Agent": AGENT})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        return response.status, response.headers.get("X-Page-Cache") or "built, not stored"


def all_at_once(url, readers):
    barrier = threading.Barrier(readers)
    results = [None] * readers

    def reader(index):
        barrier.wait()
        try:
            results[index] = fetch(url)
        except Exception as error:  # noqa: BLE001 - reported, not raised
            results[index] = ("error", type(error).__name__)

    threads = [threading.Thread(target=reader, args=(index,)) for index in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return collections.Counter(state for _, state in results), collections.Counter(status for status, _ in results)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--readers", type=int, default=64)
    args = parser.parse_args()

    import django

    django.setup()
    from articles.models import Article
    from newsroom.cache import invalidate_tags

    sys.path.insert(0, str(Path(__file__).parent))
    from helper import bench_article

    article = bench_article()
    cold = Article.objects.published().exclude(pk=article.pk).order_by("?").first()
    cases = [
        ("article, invalidated", article.get_absolute_url(), f"article:{article.pk}"),
        ("home, invalidated", "/", "home"),
        ("article never built", cold.get_absolute_url(), None),
    ]
    print(
        f"| page ({args.readers} readers at once) | builds | served the previous copy | got the new copy | statuses |"
    )
    print("|---|---:|---:|---:|---|")
    for name, path, tag in cases:
        url = args.base + path
        if tag:
            fetch(url)
            invalidate_tags(tag)
        states, statuses = all_at_once(url, args.readers)
        builds = states["miss"] + states["built, not stored"]
        status_text = ", ".join(f"{count} × {status}" for status, count in sorted(statuses.items(), key=str))
        print(f"| {name} | {builds} | {states['stale']} | {states['hit']} | {status_text} |")


if __name__ == "__main__":
    main()
