"""The admin login throttle: wrong passwords lock a username and an address for a cool-off."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMIT = 4


@pytest.fixture(autouse=True)
def _throttle(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture
def redaction(db):
    return UserFactory(username="redaction", groups=["Rédaction en chef"])


def login(username, password, *, ip="203.0.113.7"):
    client = Client(REMOTE_ADDR=ip)
    response = client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"})
    return response


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_wrong_passwords_then_the_right_one_is_refused_in_french(redaction):
    for _ in range(LIMIT - 1):
        response = login("redaction", "mauvais")
        assert (
            response.status_code == 200 and "Veuillez compléter correctement" in response.text
        )  # the admin's own error
    response = login("redaction", "mauvais")
    assert response.status_code == 429
    response = login("redaction", "demo-newsroom")
    assert not logged_in(response)
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.text and "pendant 15 minutes" in response.text
    assert response["Retry-After"] == "900"


def test_the_username_is_locked_from_every_address(redaction):
    for n in range(LIMIT):
        login("redaction", "mauvais", ip=f"198.51.100.{n + 1}")
    assert login("redaction", "demo-newsroom", ip="192.0.2.50").status_code == 429


def test_the_address_is_locked_for_every_username(redaction):
    UserFactory(username="journaliste", groups=["Journalistes"])
    for n in range(LIMIT):
        login(f"inconnu{n}", "mauvais")
    assert login("journaliste", "demo-newsroom").status_code == 429
    assert logged_in(login("journaliste", "demo-newsroom", ip="192.0.2.99"))


def test_the_cool_off_expires(redaction):
    for _ in range(LIMIT):
        login("redaction", "mauvais")
    assert login("redaction", "demo-newsroom").status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert logged_in(login("redaction", "demo-newsroom"))


def test_a_success_before_the_limit_forgets_the_failures(redaction):
    for _ in range(LIMIT - 1):
        login("redaction", "mauvais")
    assert logged_in(login("redaction", "demo-newsroom"))
    for _ in range(LIMIT - 1):
        login("redaction", "mauvais")
    assert logged_in(login("redaction", "demo-newsroom"))


def test_the_address_is_the_one_the_site_trusts(redaction, settings):
    """Behind the proxy the lock follows the client, not the proxy's own address."""
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.40")
    for n in range(LIMIT):
        client.post(reverse("admin:login"), {"username": f"inconnu{n}", "password": "x"})
    other = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.41")
    response = other.post(reverse("admin:login"), {"username": "redaction", "password": "demo-newsroom"})
    assert response.status_code == 302  # another reader behind the same proxy is not locked
    locked = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.40")
    response = locked.post(reverse("admin:login"), {"username": "redaction", "password": "demo-newsroom"})
    assert response.status_code == 429  # the address that guessed is


def test_thirty_wrong_passwords_do_not_open_the_door_at_default_settings(redaction, settings):
    settings.AXES_FAILURE_LIMIT = 10
    for _ in range(30):
        login("redaction", "mauvais")
    assert login("redaction", "demo-newsroom").status_code == 429
