"""Profile one page in process (page cache off) with pyinstrument: where its time goes.

    DATABASE_URL=... DEBUG=0 SECRET_KEY=x ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=0 \
        python bench/scale/profile_page.py /isere/sports/ [--login] [--count-queries]
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")


def main():
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from pyinstrument import Profiler

    url = sys.argv[1]
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        client = Client(HTTP_USER_AGENT="Mozilla/5.0 (bench/scale)")
        if "--login" in sys.argv:
            client.force_login(get_user_model().objects.get(username="redaction"))
        for _ in range(3):
            client.get(url, secure=True)
        profiler = Profiler(interval=0.0005)
        with CaptureQueriesContext(connection) as queries:
            profiler.start()
            for _ in range(5):
                response = client.get(url, secure=True)
            profiler.stop()
        print(response.status_code, f"{len(queries.captured_queries) / 5:.0f} queries per request")
        if "--count-queries" in sys.argv:
            for query in sorted(
                queries.captured_queries[: len(queries.captured_queries) // 5], key=lambda q: -float(q["time"])
            )[:12]:
                print(f"{float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
