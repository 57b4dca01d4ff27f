"""The poll of an open live page: ``GET /direct/<article id>/``.

Polling with ETag and 304, not server-sent events: each poll is a short, cacheable GET
with the same address for every reader, so a CDN or nginx in front answers most of them
from its cache (``max-age``) and revalidates the rest with a 304; an app server holds no
connection open between posts (a sync gunicorn worker would be taken by each reader of
an event stream), and a reader whose connection drops simply polls again.

The answer is the first page of the live as HTML (the reader's page renders the same
template); static/js/live.js compares it with the page. Polls are never counted as reads:
the response carries no article header.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_GET

from .feed import poll_version, public_page


def _etag(version):
    return f'"live-{version}"'


def _shared(response):
    patch_cache_control(response, public=True, max_age=settings.LIVE_POLL_MAX_AGE)
    return response


@require_GET
def updates(request, article_id):
    version = poll_version(article_id)
    if version is None:
        raise Http404("Aucun direct à cette adresse.")
    unchanged = get_conditional_response(request, etag=_etag(version))
    if unchanged is not None:
        unchanged["ETag"] = _etag(version)
        return _shared(unchanged)
    # Readers polling after a post all fetch the new version: rendered once per change,
    # and shared with the article page's own build.
    page = public_page(article_id)
    if page is None:
        raise Http404("Aucun direct à cette adresse.")
    response = HttpResponse(render_to_string("live/updates.html", {"page": page}))
    response["ETag"] = _etag(page.version)  # what the answer shows, should a post have come between
    response["X-Robots-Tag"] = "noindex"
    return _shared(response)
