"""CPU and queries of an article page that is not in the page cache, in process.

    DATABASE_URL=postgres://…/nr_perf_bench DEBUG=0 SECRET_KEY=x ALLOWED_HOSTS=testserver \
        SECURE_SSL_REDIRECT=0 python bench/throughput/article_miss.py [--count 300] [--profile]

Each request asks for a different public article (the archive's long tail: nothing
cached for one article helps the next), as a new reader (read counted), with the real
page cache in front: every request is a miss that builds and stores the page.
``--rebuilt``: one article, built for every request (its page cache entry gone, as
every minute for the read counter) while its rendered parts stay in the cache.
Prints the median and mean CPU time per request (``time.process_time``: this process
only, so the database's own CPU is not in it), the wall time and the queries per request.
``--archive``: each request a different archive article (published ARTICLE_ARCHIVE_DAYS
ago or more) read once before, so its rendered parts are kept in the database, as for
the second and later reads of the long tail; its page is built, as for every reader a
minute apart. Without it, the articles' kept parts are deleted first: a first read.
``--profile`` prints a pyinstrument profile of the measured requests.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")


def main():
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--rebuilt", action="store_true", help="one article, rebuilt each time")
    parser.add_argument("--archive", action="store_true", help="archive articles, their parts kept")
    parser.add_argument("--slug", help="with --rebuilt: this article (default: one at random)")
    parser.add_argument("--profile", action="store_true", help="pyinstrument (wall clock)")
    parser.add_argument("--cprofile", action="store_true", help="cProfile on CPU time, by cumulative time")
    args = parser.parse_args()

    import django

    django.setup()
    from datetime import timedelta

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from articles.models import Article, ArticleRendering

    # Spread over the whole archive, oldest to newest.
    published = Article.objects.published()
    if args.archive:
        published = published.filter(publish_at__lt=timezone.now() - timedelta(days=settings.ARTICLE_ARCHIVE_DAYS + 1))
    ids = list(published.order_by("?").values_list("pk", flat=True)[: args.count + args.warmup])
    urls = [article.get_absolute_url() for article in Article.objects.filter(pk__in=ids).select_related("category")]
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (bench/article_miss)")
    if args.archive:
        for url in urls:  # the earlier readers: the parts are rendered and kept
            assert client.get(url, secure=True).status_code == 200
        # Days later the reactions region (kept PAGE_CACHE_SECONDS at most) is gone.
        from django.core.cache import cache

        cache.delete_many([f"reactions-section:{pk}" for pk in ids])
        # An unknown query parameter keeps the page out of the page cache.
        urls = [f"{url}?bench=archive" for url in urls]
    elif not args.rebuilt:
        ArticleRendering.objects.filter(article_id__in=ids).delete()
    warm, measured = urls[: args.warmup], urls[args.warmup :]
    if args.rebuilt:
        if args.slug:
            urls[0] = Article.objects.select_related("category").get(slug=args.slug).get_absolute_url()
        urls = [f"{urls[0]}?bench={n}" for n in range(len(urls))]
        warm, measured = urls[: args.warmup], urls[args.warmup :]
    for url in warm:
        assert client.get(url, secure=True).status_code == 200
    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
    cprofiler = None
    if args.cprofile:
        import cProfile

        cprofiler = cProfile.Profile(time.process_time)
        cprofiler.enable()
    cpu, wall = [], []
    with CaptureQueriesContext(connection) as queries:
        for url in measured:
            client.cookies.clear()  # a new reader each time
            start_cpu, start_wall = time.process_time(), time.perf_counter()
            response = client.get(url, secure=True)
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start_wall)
            assert response.status_code == 200, (url, response.status_code)
            assert response.get("X-Page-Cache") in ("miss", None), response.get("X-Page-Cache")
    if profiler:
        profiler.stop()
    if cprofiler:
        cprofiler.disable()
    count = len(measured)
    kind = (
        "one article, page built each time"
        if args.rebuilt
        else "each a different archive article, its parts kept"
        if args.archive
        else "each a different article, read for the first time"
    )
    print(f"articles: {Article.objects.count()}, requests: {count}, {kind}")
    print(f"CPU per request: median {statistics.median(cpu) * 1000:.1f} ms, mean {statistics.mean(cpu) * 1000:.1f} ms")
    print(
        f"wall per request: median {statistics.median(wall) * 1000:.1f} ms, mean {statistics.mean(wall) * 1000:.1f} ms"
    )
    print(f"queries per request: {len(queries.captured_queries) / count:.1f}")
    if profiler:
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    if cprofiler:
        import pstats

        pstats.Stats(cprofiler).sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    main()
