"""Request ids, JSON lines, the staff user, and error reports sent as mail tasks."""

import io
import json
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client

from common.logs import JsonFormatter, RequestContextFilter
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.common.urls")]


@pytest.fixture
def json_lines():
    """The JSON lines the root logger writes during the test."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_a_request_id_is_made_and_returned(client):
    first, second = client.get("/test-logs/"), client.get("/test-logs/")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize(
    ("sent", "kept"),
    [("9f1c-42ab.proxy:7", True), ("<script>", False), ("a" * 129, False), ("deux mots", False)],
)
def test_the_proxys_request_id_is_kept_only_when_it_looks_like_one(client, sent, kept):
    returned = client.get("/test-logs/", HTTP_X_REQUEST_ID=sent)["X-Request-ID"]
    assert (returned == sent) is kept
    assert len(returned) in (len(sent), 32)


def test_every_line_of_a_request_carries_its_id(client, json_lines):
    client.get("/test-logs/", HTTP_X_REQUEST_ID="req-1")
    client.get("/test-logs/", HTTP_X_REQUEST_ID="req-2")
    lines = [(line["message"], line["request_id"]) for line in json_lines() if line["logger"] == "newsroom.test"]
    assert lines == [
        ("first line", "req-1"),
        ("second line", "req-1"),
        ("first line", "req-2"),
        ("second line", "req-2"),
    ]


def test_staff_user_is_named_and_a_reader_is_not(client, json_lines):
    client.get("/test-logs/", REMOTE_ADDR="203.0.113.7")
    client.force_login(UserFactory(username="redac", is_staff=True))
    client.get("/test-logs/", REMOTE_ADDR="203.0.113.7")
    reader, _, staff, _ = [line for line in json_lines() if line["logger"] == "newsroom.test"]
    assert "user" not in reader
    assert staff["user"] == "redac"
    assert "203.0.113.7" not in json.dumps(json_lines())


def test_an_error_is_mailed_to_admins_without_the_readers_data(
    settings, json_lines, django_capture_on_commit_callbacks
):
    settings.ADMINS = [("Astreinte", "astreinte@example.org")]
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.post(
        "/test-fails/", {"email": "lectrice@example.org"}, HTTP_X_REQUEST_ID="req-500", REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 500
    [message] = mail.outbox
    assert message.to == ["astreinte@example.org"]
    assert "Internal Server Error: /test-fails/" in message.subject
    assert "RuntimeError: the view broke" in message.body
    assert "request id: req-500" in message.body
    assert "lectrice@example.org" not in message.body and "203.0.113.7" not in message.body
    [error] = [line for line in json_lines() if line["level"] == "ERROR"]
    assert error["request_id"] == "req-500" and "RuntimeError" in error["exception"]


def test_log_format_json_writes_one_object_per_line_on_stdout():
    """The real settings in a fresh process: LOG_FORMAT=json, a request that logs."""
    env = {**os.environ, "DEBUG": "1", "LOG_FORMAT": "json", "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    script = (
        "import django; django.setup(); from django.test import Client; "
        "from django.test.utils import override_settings; "
        "override_settings(ROOT_URLCONF='tests.common.urls').enable(); "
        "Client().get('/test-logs/', HTTP_X_REQUEST_ID='abc-1')"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(line["message"], line["request_id"], line["level"]) for line in lines] == [
        ("first line", "abc-1", "WARNING"),
        ("second line", "abc-1", "WARNING"),
    ], done.stderr


def test_sentry_gets_the_error_when_sentry_dsn_is_set():
    """A fresh process with SENTRY_DSN pointing at a loopback listener standing in for Sentry."""
    pytest.importorskip("sentry_sdk")
    import gzip
    import threading
    import zlib
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received = []

    class Collector(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            encoding = self.headers.get("Content-Encoding", "")
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "deflate":
                body = zlib.decompress(body)
            received.append((self.path, body.decode(errors="replace")))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = {
            **os.environ,
            "DEBUG": "1",
            "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/1",
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        }
        script = (
            "import django, sentry_sdk; django.setup(); from django.test import Client; "
            "from django.test.utils import override_settings; "
            "override_settings(ROOT_URLCONF='tests.common.urls').enable(); "
            "r = Client(raise_request_exception=False).post('/test-fails/', {'email': 'lectrice@example.org'}, "
            "REMOTE_ADDR='203.0.113.7'); print(r.status_code); sentry_sdk.flush(5)"
        )
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            cwd=django_settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        server.shutdown()
    assert done.stdout.strip().splitlines()[-1] == "500", done.stderr
    events = [body for path, body in received if path == "/api/1/envelope/" and "the view broke" in body]
    assert events, received
    assert "lectrice@example.org" not in events[0] and "203.0.113.7" not in events[0]
