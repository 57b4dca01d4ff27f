"""Stateless instances, proven: two gunicorn instances behind nginx share nothing but
PostgreSQL, Redis and the media storage, and nothing depends on which one answers.

PostgreSQL only (the instances need a database of their own: a copy of the test
database). CLUSTER_KEEP=1 keeps the instances' folders and logs for a look afterwards.
"""

import re
import time
import urllib.parse
import urllib.request

import pytest
from django.conf import settings as django_settings

from tests.cluster.cluster import NGINX, Cluster, public_bucket
from tests.conftest import service_missing

# django_db: so that pytest-django creates the test database that the cluster copies.
pytestmark = [pytest.mark.cluster, pytest.mark.django_db]

PASSWORD = "demo-newsroom"  # the factories' password


def database_url(settings_dict, name) -> str:
    user = urllib.parse.quote(settings_dict["USER"] or "")
    password = urllib.parse.quote(settings_dict["PASSWORD"] or "")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{credentials}{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}/{name}"


@pytest.fixture(scope="module")
def cluster_database(django_db_setup, django_db_blocker):
    """A copy of the migrated test database, for processes other than this one."""
    import psycopg
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("the cluster test needs PostgreSQL (run with DATABASE_URL=postgres://…)")
    settings_dict = connection.settings_dict
    template, name = settings_dict["NAME"], f"{settings_dict['NAME']}_cluster"
    with django_db_blocker.unblock():
        connections.close_all()  # a template must have no session
    admin = psycopg.connect(
        dbname="postgres",
        user=settings_dict["USER"],
        password=settings_dict["PASSWORD"] or None,
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    yield database_url(settings_dict, name)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture(scope="module")
def cluster_redis(worker_id):
    import os

    import redis

    base, _, number = os.environ.get("REDIS_URL_TESTS", "redis://127.0.0.1:6379/15").rpartition("/")
    if worker_id != "master":
        number = str(int(number) - int(worker_id.removeprefix("gw")))
    url = f"{base}/{number}"
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError as error:
        service_missing(f"Redis is not reachable at {url} ({error})")
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture(scope="module")
def cluster_bucket(s3_server):
    """A bucket of the S3 server (moto) for the instances' media, renditions public."""
    return public_bucket(s3_server)


@pytest.fixture(scope="module")
def cluster(cluster_database, cluster_redis, cluster_bucket, tmp_path_factory):
    import os

    if not os.path.exists(NGINX):
        service_missing(f"nginx is not installed at {NGINX} (apt-get install nginx)")
    env = {
        "SECRET_KEY": django_settings.SECRET_KEY,  # one key everywhere, as in production
        "DATABASE_URL": cluster_database,
        "REDIS_URL": cluster_redis,
        "READS_QUEUE_SECONDS": "0",
        "REACTIONS_RATE_PER_EMAIL": "3",
        "REACTIONS_QUEUE_ALERT": "0",
        "SITE_URL": "",
        **cluster_bucket,
    }
    running = Cluster(tmp_path_factory.mktemp("cluster"), env)
    setup = running.python(
        """
from tests.factories import ArticleFactory, editor
from articles.models import Article
editor(username="cluster-editor")
published = ArticleFactory(title="Les deux serveurs se partagent la lecture")
draft = ArticleFactory(title="La passerelle du Drac rouvre", status=Article.Status.DRAFT, publish_at=None,
                       first_published_at=None)
print(published.pk, published.get_absolute_url(), draft.pk)
"""
    )
    published_pk, published_url, draft_pk = setup.split()
    running.article = {"pk": int(published_pk), "url": published_url}
    running.draft_pk = int(draft_pk)
    running.start()
    yield running
    running.stop()
    if not os.environ.get("CLUSTER_KEEP"):
        running.remove()


def test_requests_alternate_between_the_instances(cluster):
    browser = cluster.browser()
    homes = [browser.get("/") for _ in range(4)]
    assert [home.status for home in homes] == [200] * 4
    assert {home.upstream for home in homes} == set(upstream_pair(cluster))


def test_a_publication_through_one_shows_at_once_on_the_others_home(cluster):
    reader = cluster.browser()
    for _ in range(2):  # both instances have built (and cached) the home page
        assert "La passerelle du Drac rouvre" not in reader.get("/").text
    editor = cluster.browser()
    editor.login("cluster-editor", PASSWORD)
    changelist = editor.get("/admin/articles/article/")
    assert changelist.status == 200
    published = editor.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": str(cluster.draft_pk), "index": "0"},
    )
    assert published.status == 302, published.text[:500]
    homes = [reader.get("/") for _ in range(2)]
    assert {home.upstream for home in homes} == set(upstream_pair(cluster))
    assert all("La passerelle du Drac rouvre" in home.text for home in homes)


def upstream_pair(cluster):
    return [f"127.0.0.1:{port}" for port in cluster.app_ports]


def test_reads_through_both_instances_are_counted_exactly(cluster):
    readers = [cluster.browser(user_agent=f"Mozilla/5.0 (X11; Linux x86_64) Lecteur/{n}") for n in range(10)]
    seen = set()
    for _ in range(2):  # each reader comes back: through the other instance, not counted again
        for reader in readers:
            response = reader.get(cluster.article["url"])
            assert response.status == 200
            seen.add(response.upstream)
    assert len(seen) == 2
    flushed = cluster.manage("flush_reads")
    reads = cluster.python(
        f"from articles.models import Article; print(Article.objects.get(pk={cluster.article['pk']}).reads)"
    )
    assert int(reads) == 10, flushed


def test_reaction_rate_limit_is_shared(cluster):
    from comments.forms import make_token

    reader = cluster.browser()
    page = reader.get(cluster.article["url"])
    assert page.status == 200 and "csrftoken" in reader.cookies
    action = re.search(r'action="(/reactions/[^"]+)"', page.text).group(1)
    statuses, upstreams = [], set()
    for n in range(4):
        response = reader.post(
            action,
            {
                "name": "Claire",
                "email": "claire@example.org",
                "message": f"Message numéro {n} sur les deux serveurs.",
                "website": "",
                "token": make_token(cluster.article["pk"], now=time.time() - 10),
            },
            referer=cluster.article["url"],
        )
        statuses.append(response.status)
        upstreams.add(response.upstream)
    assert statuses == [302, 302, 302, 429]  # REACTIONS_RATE_PER_EMAIL=3, counted across both
    assert len(upstreams) == 2


def test_a_photo_uploaded_through_one_instance_shows_on_the_other(cluster):
    from tests.factories import image_bytes

    editor = cluster.instance_browser(0)
    editor.login("cluster-editor", PASSWORD)
    editor.get("/admin/articles/photo/add/")
    uploaded = editor.post(
        "/admin/articles/photo/add/",
        {
            "caption": "Le Vercors sous la neige",
            "credit": "D.R.",
            "alt_text": "Des sapins enneigés sur le plateau du Vercors",
            "_save": "Enregistrer",
        },
        files={"image": ("vercors.jpg", image_bytes(), "image/jpeg")},
    )
    assert uploaded.status == 302, uploaded.text[-1500:]
    url = cluster.python(
        """
from articles.models import Photo
from tests.factories import ArticleFactory
photo = Photo.objects.latest("pk")
print(ArticleFactory(title="Le Vercors sous la neige", slug="le-vercors-sous-la-neige", lead_photo=photo).get_absolute_url())
"""
    ).strip()
    page = cluster.instance_browser(1).get(url)
    assert page.status == 200
    rendition = re.search(r'(https?://[^" ,]+/renditions/[^" ,]+)', page.text).group(1)
    with urllib.request.urlopen(rendition, timeout=10) as image:
        assert image.status == 200
        assert image.headers["Content-Type"].startswith("image/")
    assert not list((cluster.root / "instance0" / "media").rglob("*.*"))  # nothing on a local disk
