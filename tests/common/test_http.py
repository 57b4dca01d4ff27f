"""One client address for reads and reactions: the trusted proxy's last hop."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.test import RequestFactory

from comments.models import Reaction
from comments.moderation import ip_hash
from common.http import client_ip
from tests.comments.conftest import form_data, post_url
from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parents[2]


def request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **meta)


def test_without_the_setting_the_address_is_remote_addr(settings):
    settings.CLIENT_IP_HEADER = ""
    assert client_ip(request(HTTP_X_FORWARDED_FOR="203.0.113.9")) == "10.0.0.1"


def test_the_last_hop_is_the_one_the_proxy_appended(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_ip(request(HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")) == "203.0.113.9"
    assert client_ip(request(HTTP_X_FORWARDED_FOR=" 2001:db8::1 ")) == "2001:db8::1"


@pytest.mark.parametrize("forwarded", ["", "203.0.113.9, ", "203.0.113.9, not-an-address", "\x00"])
def test_a_missing_or_malformed_hop_falls_back_to_remote_addr(settings, forwarded):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_ip(request(HTTP_X_FORWARDED_FOR=forwarded)) == "10.0.0.1"


def test_remote_addr_can_be_named_explicitly(settings):
    settings.CLIENT_IP_HEADER = "REMOTE_ADDR"
    assert client_ip(request(HTTP_X_FORWARDED_FOR="203.0.113.9")) == "10.0.0.1"


@pytest.mark.django_db
def test_reactions_key_their_address_on_the_last_hop_too(client, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.REACTIONS_QUEUE_ALERT = 0
    article = ArticleFactory()
    response = client.post(post_url(article), form_data(article), HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert response.status_code == 302
    assert Reaction.objects.get().ip_hash == ip_hash("203.0.113.9")


def deploy_warnings():
    return [message.id for message in run_checks(include_deployment_checks=True) if message.id == "common.W001"]


def test_check_deploy_warns_while_the_setting_is_unset(settings):
    settings.DEBUG = False
    settings.CLIENT_IP_HEADER = ""
    assert deploy_warnings() == ["common.W001"]
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert deploy_warnings() == []


def setting_from_env(**env):
    clean = {k: v for k, v in os.environ.items() if "CLIENT_IP_HEADER" not in k}
    code = "import django; django.setup(); from django.conf import settings; print(settings.CLIENT_IP_HEADER)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_the_old_per_app_variables_still_configure_it():
    assert setting_from_env() == ""
    assert setting_from_env(READS_CLIENT_IP_HEADER="HTTP_X_REAL_IP") == "HTTP_X_REAL_IP"
    assert setting_from_env(REACTIONS_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR") == "HTTP_X_FORWARDED_FOR"
    assert setting_from_env(CLIENT_IP_HEADER="REMOTE_ADDR", READS_CLIENT_IP_HEADER="HTTP_X_REAL_IP") == "REMOTE_ADDR"
