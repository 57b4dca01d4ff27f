"""Article requests through nginx to two app instances against one, a reader's POST
while the mail relay never answers (tasks in the database against mail sent inside the
request, as before e-mails became tasks), and a photo uploaded through one instance
until it shows on the other (media on a real S3 API: moto's server mode).

    .venv/bin/python bench/cluster/run.py [--rounds 3] [--seconds 10]

Uses tests/cluster/cluster.py (gunicorn instances from their own folders behind
Debian's nginx) on PostgreSQL and Redis; wrk from apt. Figures: bench/README.md.
"""

import argparse
import logging
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))

from benchlib import ensure_database  # noqa: E402

from tests.cluster.cluster import Cluster, public_bucket  # noqa: E402

SETUP = """
from tests.factories import ArticleFactory, editor, moderator
moderator(username="bench-modo", email="modo@example.org")
editor(username="bench-editor")
import uuid
# A slug of its own: the database is kept from one run to the next.
article = ArticleFactory(title="Banc d'essai : deux serveurs derrière nginx", slug=f"banc-{uuid.uuid4().hex[:12]}")
print(article.pk, article.get_absolute_url())
"""


def load_average() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def wrk(port: int, path: str, seconds: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "-H", "Host: 127.0.0.1", f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def throughput(env, root, article_url, rounds, seconds):
    results = {1: [], 2: []}
    for round_number in range(rounds):
        for instances in (1, 2):
            cluster = Cluster(Path(tempfile.mkdtemp(dir=root)), env, instances=instances, workers=2)
            cluster.start()
            try:
                wrk(cluster.port, article_url, 2)  # warm-up: page cache, connections
                load = load_average()
                rate = wrk(cluster.port, article_url, seconds)
            finally:
                cluster.stop()
            results[instances].append(rate)
            print(f"round {round_number + 1}: {instances} instance(s): {rate:.1f} req/s (load {load})", flush=True)
    return {n: statistics.median(rates) for n, rates in results.items()}


def black_hole():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    return listener


def reader_posts(env, root, article, posts):
    import redis

    from comments.forms import make_token

    hole = black_hole()
    medians = {}
    try:
        for backend in ("database", "immediate"):
            mode_env = {
                **env,
                "TASKS_BACKEND": backend,
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(hole.getsockname()[1]),
                "EMAIL_TIMEOUT": "10",
                "REACTIONS_QUEUE_ALERT": "1",  # every post crosses the threshold
                "REACTIONS_RATE_PER_EMAIL": "1000",
                "REACTIONS_RATE_PER_IP": "1000",
            }
            cluster = Cluster(Path(tempfile.mkdtemp(dir=root)), mode_env, instances=1, workers=2)
            cluster.start()
            client = redis.Redis.from_url(env["REDIS_URL"])
            timings = []
            try:
                reader = cluster.browser()
                page = reader.get(article["url"])
                action = re.search(r'action="(/reactions/[^"]+)"', page.text).group(1)
                for n in range(posts):
                    for key in client.scan_iter("*reactions:queue-alert*"):
                        client.delete(key)  # the alert goes again on this post
                    started = time.monotonic()
                    response = reader.post(
                        action,
                        {
                            "name": "Banc",
                            "email": f"banc{n}-{backend}@example.org",
                            "message": f"Mesure {n} du mode {backend} : une réaction ordinaire.",
                            "website": "",
                            "token": make_token(article["pk"], now=time.time() - 10),
                        },
                        referer=article["url"],
                    )
                    timings.append(time.monotonic() - started)
                    assert response.status == 302, response.status
            finally:
                cluster.stop()
            medians[backend] = (statistics.median(timings), max(timings))
            print(
                f"reader's POST, tasks {backend}: median {medians[backend][0]:.3f} s, max {medians[backend][1]:.3f} s"
                f" over {posts} posts (load {load_average()})",
                flush=True,
            )
    finally:
        hole.close()
    return medians


def s3_bucket():
    """moto's S3 server on a free loopback port and a bucket (renditions public), as in tests/cluster."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per S3 request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return server, public_bucket(f"http://{host}:{port}", prefix="bench")


def upload_to_display(env, root, uploads):
    """An editor uploads a photo through instance 1 (the admin's form: original, renditions,
    all to S3); the clock stops when instance 2's photo library lists it and its rendition
    comes back from the bucket, as a colleague picking it would see it."""
    import urllib.parse
    import urllib.request

    from tests.factories import image_bytes

    server, bucket_env = s3_bucket()
    cluster = Cluster(Path(tempfile.mkdtemp(dir=root)), {**env, **bucket_env}, instances=2, workers=2)
    cluster.start()
    timings = []
    try:
        first, second = cluster.instance_browser(0), cluster.instance_browser(1)
        first.login("bench-editor", "demo-newsroom")
        second.login("bench-editor", "demo-newsroom")
        for n in range(uploads):
            caption = f"Banc d'essai {n} : le Vercors sous la neige"
            first.get("/admin/articles/photo/add/")
            started = time.monotonic()
            uploaded = first.post(
                "/admin/articles/photo/add/",
                {"caption": caption, "credit": "D.R.", "alt_text": "Des sapins enneigés", "_save": "Enregistrer"},
                files={"image": (f"vercors{n}.jpg", image_bytes(), "image/jpeg")},
            )
            assert uploaded.status == 302, uploaded.status
            while True:
                picker = second.get("/admin/phototheque/choisir/?q=" + urllib.parse.quote(caption))
                found = re.search(r'data-photo-url="([^"]+)"', picker.text)
                if found:
                    with urllib.request.urlopen(found.group(1), timeout=10) as image:
                        if image.status == 200 and image.read():
                            break
                if time.monotonic() - started > 30:
                    raise RuntimeError("the photo never showed on the second instance")
                time.sleep(0.05)
            timings.append(time.monotonic() - started)
    finally:
        cluster.stop()
        server.stop()
    print(
        f"photo uploaded through instance 1, shown by instance 2 from S3: median {statistics.median(timings):.2f} s,"
        f" max {max(timings):.2f} s over {uploads} uploads (load {load_average()})",
        flush=True,
    )
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/newsroom_bench_cluster")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--posts", type=int, default=5)
    parser.add_argument("--uploads", type=int, default=5)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("SECRET_KEY", "bench-cluster-secret-key-not-for-production-use-0123456789")
    import django

    django.setup()  # make_token signs with SECRET_KEY, the same as the instances'

    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    ensure_database(args.database_url)
    env = {
        "SECRET_KEY": os.environ["SECRET_KEY"],
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "SITE_URL": "",
    }
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as root:
        root = Path(root)
        setup = Cluster(root / "setup", env, instances=1)
        setup.manage("migrate", "--noinput", "-v0")
        pk, url = setup.python(SETUP).split()
        article = {"pk": int(pk), "url": url}
        rates = throughput(env, root, url, args.rounds, args.seconds)
        print(
            f"article page through nginx: 1 instance {rates[1]:.1f} req/s, 2 instances {rates[2]:.1f} req/s "
            f"(x{rates[2] / rates[1]:.2f}), medians of {args.rounds} rounds"
        )
        reader_posts(env, root, article, args.posts)
        upload_to_display(env, root, args.uploads)


if __name__ == "__main__":
    main()
