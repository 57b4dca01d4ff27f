"""The content API under /api/v1/: articles, sections, authors, and the posts of lives.

For the mobile app and partners. Public content only (``Article.objects.published()``),
bodies as stored (sanitised on save), photos as their public renditions (never the
original), read counts shown but never counted (the responses carry no article
header, so the read counter ignores them). Read-only but for one write: a journalist's
live post (``POST /articles/<id>/live-posts/``, bearer token, ``live.services``).
Caching: ``Cache-Control`` here, ETag and 304 from Django's ConditionalGetMiddleware,
and the list and each article kept server-side under the page cache's tags (``_kept``).
OpenAPI 3 schema at /api/v1/openapi.json.
"""

import base64
import binascii
import hashlib
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from taggit.models import Tag

from articles.models import Article, Author, Category
from articles.services import user_can_preview
from common import tagcache
from live import services as live_services
from live.models import LivePost

from .auth import OptionalBearer, RequiredBearer
from .schemas import (
    ArticleDetail,
    ArticlePage,
    AuthorOut,
    Error,
    LivePostIn,
    LivePostOut,
    LivePostPage,
    SectionOut,
)
from .throttling import AddressThrottle, TokenThrottle

ERRORS = {400: Error, 401: Error, 404: Error, 429: Error}
WRITE_ERRORS = {**ERRORS, 403: Error, 409: Error}


api = NinjaAPI(
    title="Newsroom — API de contenu",
    version="1",
    description=(
        "Articles publiés, rubriques et auteurs, en lecture seule. Sans jeton : quota par adresse ; "
        "avec `Authorization: Bearer <jeton>` (`manage.py api_token UTILISATEUR`) : quota par jeton."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,  # the interactive docs load scripts from a CDN: our CSP forbids it
    auth=OptionalBearer(),
    throttle=[AddressThrottle(), TokenThrottle()],
)


# ---------------------------------------------------------------------------
# Errors: French messages, JSON, 4xx.


def _error(request, message, status, **headers):
    response = api.create_response(request, {"detail": message}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    names = sorted({str(error.get("loc", ["?"])[-1]) for error in exc.errors})
    return _error(request, "Paramètre invalide : " + ", ".join(names) + ".", 400)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(request, "Jeton d'accès invalide ou révoqué.", 401, **{"WWW-Authenticate": "Bearer"})


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, "Introuvable.", 404)


@api.exception_handler(Throttled)
def _throttled(request, exc):
    # ninja adds Retry-After.
    return _error(request, "Trop de requêtes : réessayez un peu plus tard.", 429)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return _error(request, str(exc.message), exc.status_code)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, str(exc) or "Accès refusé.", 403)


class BadRequest(Exception):
    """A parameter the API understands but whose value it cannot use: 400 with the reason."""


@api.exception_handler(BadRequest)
def _bad_request(request, exc):
    return _error(request, str(exc), 400)


# ---------------------------------------------------------------------------
# Helpers.


def _absolute(request, path: str) -> str:
    return path if path.startswith(("http://", "https://")) else request.build_absolute_uri(path)


def _cached(response, seconds):
    patch_cache_control(response, public=True, max_age=seconds)
    return response


# The list's parameters whose answers are kept server-side: the app's sections and tags;
# a cursor or an "updated since" is a one-off (and would let a client fill the cache).
KEPT_LIST_PARAMETERS = frozenset({"section", "tag", "limit"})


def _kept(request, tags: set, build):
    """The response data of this URL, from the cache while none of ``tags`` changed
    (``common.tagcache.kept``: the versions the page cache and the article fragments
    follow), and at most ``API_CACHE_SECONDS`` or until the next scheduled publication.
    Throttling runs before the view, so a kept answer still counts against its client's
    quota."""

    def seconds():
        next_at = Article.objects.next_publication_at()
        if next_at is None:
            return settings.API_CACHE_SECONDS
        return min(settings.API_CACHE_SECONDS, int((next_at - timezone.now()).total_seconds()))

    key = "api-data:" + hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return tagcache.kept(key, tags, build, seconds=seconds)


def _photo(request, photo, caption="", credit=""):
    if photo is None:
        return None
    renditions = [
        {"width": width, "format": kind, "url": _absolute(request, url)}
        for kind in ("webp", "jpeg")
        for width, url in photo.rendition_urls(kind)
    ]
    return {
        "caption": caption or photo.caption,
        "credit": credit or photo.credit,
        "alt": photo.alt_text,
        "width": photo.width,
        "height": photo.height,
        "renditions": renditions,
    }


def _section(category):
    region = category.parent if category.parent_id else category
    return {"id": category.pk, "name": category.name, "path": category.path, "region": region.name}


def _author_ref(request, author):
    return {
        "id": author.pk,
        "name": author.name,
        "slug": author.slug,
        "url": _absolute(request, author.get_absolute_url()),
    }


def _summary(request, article):
    return {
        "id": article.pk,
        "title": article.title,
        "url": _absolute(request, article.get_absolute_url()),
        "api_url": _absolute(request, reverse("api:article", kwargs={"article_id": article.pk})),
        "section": _section(article.category),
        "authors": [_author_ref(request, link.author) for link in article.article_authors.all()],
        "tags": [{"slug": tag.slug, "name": tag.name} for tag in article.tags.all()],
        "standfirst": article.standfirst,
        "published_at": article.first_published_at or article.publish_at,
        "updated_at": article.updated_at,
        "reads": article.reads,
        "lead_photo": _photo(request, article.lead_photo, article.lead_photo_caption, article.lead_photo_credit),
        "live": article.live or None,
    }


def _public_articles():
    return Article.objects.published().for_entries()


# ---------------------------------------------------------------------------
# Cursor: the (publish_at, id) of the last article of a page, opaque to clients.


def _encode_cursor(article) -> str:
    raw = f"{article.publish_at.isoformat()}|{article.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(value: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        moment, _, pk = raw.partition("|")
        when = datetime.fromisoformat(moment)
        if timezone.is_naive(when):
            raise ValueError
        return when, int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise BadRequest("Curseur invalide : reprenez la liste depuis le début.") from error


def _parse_since(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise BadRequest("Date invalide : ISO 8601 attendu, par exemple 2026-12-01T08:00:00+01:00.") from error
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


# ---------------------------------------------------------------------------
# Endpoints.


@api.get(
    "/articles/",
    response={200: ArticlePage, **ERRORS},
    url_name="articles",
    summary="Articles publiés",
)
def article_list(
    request,
    section: str | None = None,
    tag: str | None = None,
    updated_since: str | None = None,
    cursor: str | None = None,
    limit: int = 20,
):
    """Les plus récents d'abord, par pages ; `next` donne l'adresse de la page suivante.

    Filtres : `section` (chemin d'une région ou d'une rubrique, par exemple `isere/actualites`),
    `tag` (slug d'un mot-clé), `updated_since` (ISO 8601 : articles modifiés depuis).
    """
    if not 1 <= limit <= settings.API_PAGE_MAX:
        raise BadRequest(f"« limit » doit être compris entre 1 et {settings.API_PAGE_MAX}.")

    def build():
        return _article_page(request, section, tag, updated_since, cursor, limit)

    # Every change to a public article bumps "feeds" (newsroom/invalidation.py).
    data = _kept(request, {"feeds"}, build) if set(request.GET) <= KEPT_LIST_PARAMETERS else build()
    return _cached(api.create_response(request, data, status=200), settings.API_CACHE_SECONDS)


def _article_page(request, section, tag, updated_since, cursor, limit) -> dict:
    articles = _public_articles()
    if section is not None:
        category = Category.objects.filter(path=section.strip("/")).first()
        if category is None:
            raise BadRequest("Rubrique inconnue.")
        articles = articles.in_category(category)
    if tag is not None:
        found = Tag.objects.filter(slug=tag).first()
        if found is None:
            raise BadRequest("Mot-clé inconnu.")
        articles = articles.tagged(found)
    if updated_since is not None:
        articles = articles.filter(updated_at__gte=_parse_since(updated_since))
    if cursor is not None:
        moment, pk = _decode_cursor(cursor)
        articles = articles.filter(publish_at__lte=moment).exclude(publish_at=moment, pk__gte=pk)
    page = list(articles.order_by("-publish_at", "-pk")[: limit + 1])
    next_url = None
    if len(page) > limit:
        page = page[:limit]
        query = request.GET.copy()
        query["cursor"] = _encode_cursor(page[-1])
        next_url = _absolute(request, f"{request.path}?{query.urlencode()}")
    return {"results": [_summary(request, article) for article in page], "next": next_url}


@api.get(
    "/articles/{int:article_id}/",
    response={200: ArticleDetail, **ERRORS},
    url_name="article",
    summary="Un article",
)
def article_detail(request, article_id: int):
    # Its own changes bump article:<id>; "feeds" covers what it shows of others (related).
    data = _kept(request, {f"article:{article_id}", "feeds"}, lambda: _article_data(request, article_id))
    return _cached(api.create_response(request, data, status=200), settings.API_CACHE_SECONDS)


def _article_data(request, article_id: int) -> dict:
    article = _public_articles().prefetch_related("boxes", "notes").filter(pk=article_id).first()
    if article is None:
        raise Http404
    related = Article.objects.published().filter(pk__in=article.related.values("pk")).order_by("-publish_at")[:10]
    data = {
        **_summary(request, article),
        "body_html": article.body,
        "boxes": [{"heading": box.heading, "body": box.body} for box in article.boxes.all()],
        "notes": [{"kind": note.kind, "text": note.text, "date": note.created_at} for note in article.notes.all()],
        "related": [
            {
                "id": other.pk,
                "title": other.title,
                "url": _absolute(request, other.get_absolute_url()),
                "api_url": _absolute(request, reverse("api:article", kwargs={"article_id": other.pk})),
            }
            for other in related.select_related("category")
        ],
    }
    return data


@api.get(
    "/sections/",
    response={200: list[SectionOut], **ERRORS},
    url_name="sections",
    summary="Régions et rubriques",
)
def section_list(request):
    data = [
        {
            "id": category.pk,
            "name": category.name,
            "path": category.path,
            "parent": category.parent.path if category.parent_id else None,
            "url": _absolute(request, category.get_absolute_url()),
        }
        for category in Category.objects.select_related("parent").order_by("path")
    ]
    return _cached(api.create_response(request, data, status=200), settings.API_CACHE_SECONDS)


@api.get("/authors/", response={200: list[AuthorOut], **ERRORS}, url_name="authors", summary="Auteurs")
def author_list(request):
    data = [
        {
            "id": author.pk,
            "name": author.name,
            "slug": author.slug,
            "bio": author.bio,
            "url": _absolute(request, author.get_absolute_url()),
        }
        for author in Author.objects.order_by("name")
    ]
    return _cached(api.create_response(request, data, status=200), settings.API_CACHE_SECONDS)


# ---------------------------------------------------------------------------
# Live posts: read by anyone (a public live), written with a token (DESIGN §13).


def _live_post(request, post, article):
    post.article = article
    return {
        "id": post.pk,
        "body_html": post.body,
        "text": post.text,
        "pinned": post.pinned,
        "signature": post.signature,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "url": _absolute(request, post.get_absolute_url()),
    }


@api.get(
    "/articles/{int:article_id}/live-posts/",
    response={200: LivePostPage, **ERRORS},
    url_name="live_posts",
    summary="Messages d'un direct",
)
def live_post_list(request, article_id: int, before: int | None = None, limit: int = 20):
    """Les plus récents d'abord ; `before` (l'identifiant d'un message) donne les plus anciens."""
    if not 1 <= limit <= settings.API_PAGE_MAX:
        raise BadRequest(f"« limit » doit être compris entre 1 et {settings.API_PAGE_MAX}.")
    article = (
        Article.objects.published().exclude(live=Article.Live.NO).select_related("category").filter(pk=article_id)
    ).first()
    if article is None:
        raise Http404
    posts = LivePost.objects.filter(article=article).visible().newest_first()
    if before is not None:
        anchor = LivePost.objects.filter(article=article, pk=before).values_list("created_at", flat=True).first()
        if anchor is None:
            raise BadRequest("« before » ne désigne aucun message de ce direct.")
        posts = posts.filter(created_at__lte=anchor).exclude(created_at=anchor, pk__gte=before)
    page = list(posts[: limit + 1])
    next_url = None
    if len(page) > limit:
        page = page[:limit]
        query = request.GET.copy()
        query["before"] = page[-1].pk
        next_url = _absolute(request, f"{request.path}?{query.urlencode()}")
    data = {"live": article.live, "results": [_live_post(request, post, article) for post in page], "next": next_url}
    # Short: a client polling a running live sees a new post within this.
    return _cached(api.create_response(request, data, status=200), settings.LIVE_POLL_MAX_AGE)


@api.post(
    "/articles/{int:article_id}/live-posts/",
    response={201: LivePostOut, **WRITE_ERRORS},
    auth=RequiredBearer(),
    url_name="live_posts",
    summary="Publier un message sur un direct",
)
def live_post_add(request, article_id: int, payload: LivePostIn):
    """Pour les journalistes de l'article et la rédaction en chef, avec leur jeton ; le direct
    doit être en cours. Réponse 201 avec le message publié."""
    article = Article.objects.select_related("category").filter(pk=article_id).first()
    if article is None:
        raise Http404
    user = request.auth.user
    if not (article.is_public or user_can_preview(user, article)):
        raise Http404  # a live not yet published exists only for those who may see it
    try:
        post = live_services.live_post_add(article=article, user=user, body=payload.body, pinned=payload.pinned)
    except DjangoValidationError as error:
        status = 409 if error.messages == [live_services.NOT_RUNNING] else 400
        return _error(request, " ".join(error.messages), status)
    return api.create_response(request, _live_post(request, post, article), status=201)
