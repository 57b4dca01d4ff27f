#!/usr/bin/env python3
"""Why django-ninja for the content API: the cost of the framework itself, per request.

The same endpoint (a page of 20 article summaries with nested section, authors, tags
and photo renditions, as /api/v1/articles/ returns) served three ways from data in
memory, so that no database time hides the difference:

- plain Django: a view building dicts and returning ``JsonResponse`` (the floor);
- django-ninja validating the output against its pydantic schemas;
- django-ninja as ``api/`` uses it: the schemas describe the OpenAPI document, the
  operation returns its dicts through ninja's JSON renderer;
- Django REST framework: an ``APIView`` with nested ``Serializer`` classes.

Each is called through Django's full request handler (``django.test.Client``), N times
after a warm-up; the script prints µs per request and the overhead over plain Django.

    .venv/bin/pip install djangorestframework   # only for this comparison
    .venv/bin/python bench/api/choose.py --requests 3000
"""

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench",
    ALLOWED_HOSTS=["testserver"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    MIDDLEWARE=[],
    REST_FRAMEWORK={
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
)
django.setup()

from django.http import JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import path  # noqa: E402
from ninja import NinjaAPI, Schema  # noqa: E402
from rest_framework import serializers  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402

NOW = datetime(2026, 12, 1, 7, 30, tzinfo=UTC)


def summary(n):
    return {
        "id": n,
        "title": f"Le conseil municipal vote le budget n°{n}",
        "url": f"https://www.example.org/isere/actualites/budget-{n}.html",
        "api_url": f"https://www.example.org/api/v1/articles/{n}/",
        "section": {"id": 3, "name": "Actualités", "path": "isere/actualites", "region": "Isère"},
        "authors": [{"id": 1, "name": "Camille Martin", "slug": "camille-martin", "url": "https://www.example.org/a/"}],
        "tags": [{"slug": "budget", "name": "budget"}, {"slug": "grenoble", "name": "Grenoble"}],
        "standfirst": "Les élus ont adopté le budget primitif après trois heures de débat.",
        "published_at": NOW,
        "updated_at": NOW,
        "reads": 1307,
        "lead_photo": {
            "caption": "La salle du conseil",
            "credit": "D.R.",
            "alt": "Des élus autour d'une table",
            "width": 1600,
            "height": 1000,
            "renditions": [
                {"width": w, "format": f, "url": f"https://www.example.org/media/r/{n}-{w}.{f}"}
                for f in ("webp", "jpeg")
                for w in (480, 800, 1200)
            ],
        },
    }


PAGE = [summary(n) for n in range(20)]


# Plain Django.
def plain(request):
    results = [
        {**item, "published_at": item["published_at"].isoformat(), "updated_at": item["updated_at"].isoformat()}
        for item in PAGE
    ]
    return JsonResponse({"results": results, "next": None})


# django-ninja.
class Rendition(Schema):
    width: int
    format: str
    url: str


class Photo(Schema):
    caption: str
    credit: str
    alt: str
    width: int | None
    height: int | None
    renditions: list[Rendition]


class Section(Schema):
    id: int
    name: str
    path: str
    region: str


class AuthorRef(Schema):
    id: int
    name: str
    slug: str
    url: str


class Tag(Schema):
    slug: str
    name: str


class Summary(Schema):
    id: int
    title: str
    url: str
    api_url: str
    section: Section
    authors: list[AuthorRef]
    tags: list[Tag]
    standfirst: str
    published_at: datetime
    updated_at: datetime
    reads: int
    lead_photo: Photo | None


class Page(Schema):
    results: list[Summary]
    next: str | None


ninja_api = NinjaAPI(urls_namespace="bench")


@ninja_api.get("/articles/", response=Page)
def ninja_list(request):
    return {"results": PAGE, "next": None}


@ninja_api.get("/articles-prebuilt/", response=Page)
def ninja_prebuilt(request):
    """As api/ serves its pages: dicts rendered by ninja's renderer, the schema kept for
    the OpenAPI document and checked by the tests rather than on every request."""
    return ninja_api.create_response(request, {"results": PAGE, "next": None}, status=200)


# Django REST framework.
class RenditionS(serializers.Serializer):
    width = serializers.IntegerField()
    format = serializers.CharField()
    url = serializers.CharField()


class PhotoS(serializers.Serializer):
    caption = serializers.CharField()
    credit = serializers.CharField()
    alt = serializers.CharField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    renditions = RenditionS(many=True)


class SectionS(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    path = serializers.CharField()
    region = serializers.CharField()


class AuthorS(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.CharField()


class TagS(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class SummaryS(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    api_url = serializers.CharField()
    section = SectionS()
    authors = AuthorS(many=True)
    tags = TagS(many=True)
    standfirst = serializers.CharField()
    published_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    reads = serializers.IntegerField()
    lead_photo = PhotoS(allow_null=True)


class DrfList(APIView):
    def get(self, request):
        return Response({"results": SummaryS(PAGE, many=True).data, "next": None})


urlpatterns = [
    path("plain/articles/", plain),
    path("ninja/", ninja_api.urls),
    path("drf/articles/", DrfList.as_view()),
]


def measure(client, url, count):
    for _ in range(200):
        assert client.get(url).status_code == 200
    rounds = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(count // 5):
            client.get(url)
        rounds.append((time.perf_counter() - started) / (count // 5) * 1e6)
    return statistics.median(rounds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    args = parser.parse_args()
    client = Client()
    sizes = {name: len(client.get(url).content) for name, url in URLS}
    results = {name: measure(client, url, args.requests) for name, url in URLS}
    floor = results["plain Django"]
    import ninja
    import rest_framework

    print(
        f"Python {sys.version.split()[0]}, Django {django.get_version()}, ninja {ninja.__version__}, "
        f"DRF {rest_framework.VERSION}; 20 summaries per response"
    )
    for name, micros in results.items():
        print(
            f"{name:>14}: {micros:7.0f} µs/request  (+{micros - floor:5.0f} µs over plain Django, {sizes[name]} bytes)"
        )


URLS = [
    ("plain Django", "/plain/articles/"),
    ("ninja, schema", "/ninja/articles/"),
    ("ninja, as api/", "/ninja/articles-prebuilt/"),
    ("DRF", "/drf/articles/"),
]

if __name__ == "__main__":
    main()
