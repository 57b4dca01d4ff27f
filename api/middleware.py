"""HTTP around the content API: CORS for browsers, and headers a CDN can rely on."""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control

API_PREFIX = "/api/"


class ApiCorsMiddleware:
    """Answers the browser's preflight and marks API responses as readable from any origin
    (any site may read the API from a browser, with GET only).

    Placed before the request guards that refuse OPTIONS on the pages, so that a
    preflight to the API gets its 204. API responses depend on neither cookies nor
    language, so their ``Vary`` drops both (a CDN keeps one copy per URL), and an error
    (a 401 or 429 meant for one client) is never stored by a shared cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        head = request.method == "HEAD"
        if head:
            # HEAD is a GET without its body (ninja routes GET only, and one route per path
            # keeps the URLconf plain).
            request.method = "GET"
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Authorization, If-None-Match"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        if response.has_header("Vary"):
            kept = [v.strip() for v in response["Vary"].split(",") if v.strip() not in ("Cookie", "Accept-Language")]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        if response.status_code >= 400:
            patch_cache_control(response, no_store=True)
        if head:
            request.method = "HEAD"
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response
