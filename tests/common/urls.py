"""Views that log and fail, for the logging tests, in front of the site's own URLs."""

import logging

from django.http import HttpResponse
from django.urls import include, path

logger = logging.getLogger("newsroom.test")


def logs_twice(request):
    logger.warning("first line")
    logger.warning("second line")
    return HttpResponse("ok")


def fails(request):
    raise RuntimeError("the view broke")


urlpatterns = [
    path("test-logs/", logs_twice),
    path("test-fails/", fails),
    path("", include("newsroom.urls")),
]
