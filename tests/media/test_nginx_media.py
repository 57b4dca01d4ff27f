"""The README's nginx `/media/` locations, run by a real nginx on a free loopback port.

What an operator copies must do what it says: renditions kept a year (immutable),
every media file with ``nosniff``, originals not cached publicly.
"""

import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from common.storage import RENDITION_CACHE_CONTROL
from tests.conftest import service_missing

README = Path(__file__).resolve().parents[2] / "README.md"


def media_locations():
    """The `location /media…` blocks of the README's nginx config, as written there."""
    config = README.read_text().split("```nginx", 1)[1].split("```", 1)[0]
    blocks = re.findall(r"^    location /media/[^{]*\{.*?^    \}", config, flags=re.M | re.S)
    assert len(blocks) == 2, "the README's nginx config has a /media/ and a /media/renditions/ location"
    return "\n".join(blocks)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx_media(tmp_path):
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not binary:
        service_missing("nginx is not installed (apt install nginx)")
    site = tmp_path / "srv"
    (site / "media" / "renditions" / "2026").mkdir(parents=True)
    (site / "media" / "photos" / "2026").mkdir(parents=True)
    (site / "media" / "renditions" / "2026" / "lac-480w-0123456789ab.webp").write_bytes(b"RIFF0000WEBPVP8 ")
    (site / "media" / "photos" / "2026" / "lac.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    port = free_port()
    locations = media_locations().replace("root /srv/newsroom;", f"root {site};")
    mime_types = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").exists() else ""
    temp = tmp_path / "temp"
    temp.mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"""
user root;
worker_processes 1;
daemon off;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
    {mime_types}
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    server {{
        listen 127.0.0.1:{port};
{locations}
    }}
}}
"""
    )
    process = subprocess.Popen(
        [binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_renditions_are_served_for_a_year_with_nosniff(nginx_media):
    with urllib.request.urlopen(f"{nginx_media}/media/renditions/2026/lac-480w-0123456789ab.webp") as response:
        assert response.status == 200
        assert response.headers["Cache-Control"] == RENDITION_CACHE_CONTROL
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Type"] == "image/webp"


def test_originals_are_not_kept_by_shared_caches(nginx_media):
    with urllib.request.urlopen(f"{nginx_media}/media/photos/2026/lac.jpg") as response:
        assert response.status == 200
        assert response.headers["Cache-Control"].startswith("private")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
