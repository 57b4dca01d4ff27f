"""CPU per request of each kind of article request against robots.txt's, in process.

    DATABASE_URL=postgres://…/nr_perf_bench REDIS_URL=redis://127.0.0.1:6379/9 DEBUG=0 \
        SECRET_KEY=x ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=0 \
        python bench/throughput/inprocess.py [--count 300]

The whole middleware stack through Django's test client (no gunicorn, no socket), every
article request a new reader (read counted, queued as in production). CPU time of this
process only (``time.process_time``): PostgreSQL's and Redis's own work is not in it, so
it holds up on a loaded machine where wrk's requests/s do not. Pages, interleaved round
by round: robots.txt, the article from the page cache, its revalidation (304), the
article built for every request (its parts from the fragment cache), a cold article
(a different one each time: nothing cached).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

AGENTS = (
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
)


def main():
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client
    from helper import bench_article

    from articles.models import Article

    cache.clear()
    article = bench_article()
    url = article.get_absolute_url()
    cold = [
        a.get_absolute_url()
        for a in Article.objects.published()
        .exclude(pk=article.pk)
        .select_related("category")
        .order_by("?")[: args.count + 5]
    ]
    client = Client()
    counter = {"n": 0}

    def get(path, **headers):
        counter["n"] += 1
        client.cookies.clear()
        client.cookies["nr_lecteur"] = f"inprocess-{os.getpid()}-{counter['n']:09d}"
        return client.get(path, secure=True, HTTP_USER_AGENT=AGENTS[counter["n"] % 2], **headers)

    kinds = {
        "robots.txt": (lambda n, tag: get("/robots.txt"), 200),
        "article (page cache)": (lambda n, tag: get(url), 200),
        "article 304": (lambda n, tag: get(url, HTTP_IF_NONE_MATCH=tag), 304),
        "article built (parts cached)": (lambda n, tag: get(f"{url}?bench={n}"), 200),
        "article cold": (lambda n, tag: get(cold[n]), 200),
    }
    times = {name: [] for name in kinds}
    for n in range(args.count + 5):
        tag = get(url)["ETag"]  # the page's current ETag (it is rebuilt every minute)
        for name, (request, status) in kinds.items():
            start = time.process_time()
            response = request(n, tag)
            elapsed = time.process_time() - start
            assert response.status_code == status, (name, response.status_code)
            if n >= 5:  # warm-up rounds
                times[name].append(elapsed)
    ceiling = statistics.median(times["robots.txt"])
    print(f"articles: {Article.objects.count()}, {args.count} rounds, cache: {cache.__class__.__name__}")
    print("| request | CPU per request (median) | robots.txt's CPU / this |")
    print("|---|---:|---:|")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| {name} | {median * 1000:.2f} ms | {ceiling / median:.2f} |")


if __name__ == "__main__":
    main()
