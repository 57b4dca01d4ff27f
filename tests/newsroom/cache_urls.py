"""A URLconf of bare views for the page-cache tests."""

import time

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

CALLS = {"n": 0}
BEHAVIOUR = {}


def counted(request):
    CALLS["n"] += 1
    request.GET.get("page")  # a list page: its page number makes it another page
    if BEHAVIOUR.get("sleep"):
        time.sleep(BEHAVIOUR["sleep"])
    response = HttpResponse(f"page {CALLS['n']}", status=BEHAVIOUR.get("status", 200))
    if BEHAVIOUR.get("tags", {"home"}) is not None:
        response.cache_tags = set(BEHAVIOUR.get("tags", {"home"}))
    if BEHAVIOUR.get("cache_control"):
        response["Cache-Control"] = BEHAVIOUR["cache_control"]
    if BEHAVIOUR.get("during_build"):
        BEHAVIOUR.pop("during_build")()
    return response


def form(request):
    CALLS["n"] += 1
    response = HttpResponse(f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">')
    response.cache_tags = {"article:1"}
    return response


urlpatterns = [path("page/", counted), path("form/", form)]
