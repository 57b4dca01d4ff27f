import json

import pytest
from django.test import Client
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        spec = json.loads(Client().get("/api/v1/openapi.json").content)
    return OpenAPI.from_dict(spec)


@pytest.fixture
def api_get(client, openapi):
    """GET an API URL; every response, error or not, is checked against the published schema."""

    def get(url, data=None, **meta):
        response = client.get(url, data, **meta)
        if response.status_code != 304:
            openapi.validate_response(DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response))
        return response

    return get
