"""Lighthouse on a phone, offline: ``.venv/bin/python docs/lighthouse/run.py``.

Serves a fresh demo (docs/demo_server.py), runs npm's ``lighthouse`` (pinned in
package.json; ``npm ci`` installs it) with Debian's chromium (``CHROME_PATH``, default
/usr/bin/chromium) on the home, the article with every rich part and the live, in Lighthouse's
default mobile emulation, and prints the four scores of each page. The JSON reports are
written to docs/lighthouse/reports/ (not kept in git). Exit status 1 when a score is
under ``--min`` (default 95).
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs"))
from demo_server import demo_server  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(url, output, attempts=3):
    """The four scores; a run that Lighthouse itself reports broken ("Please run Lighthouse
    again", e.g. NO_NAVSTART) is run again."""
    for attempt in range(attempts):
        try:
            return _lighthouse(url, output)
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise


def _lighthouse(url, output):
    subprocess.run(
        [
            str(ROOT / "node_modules" / ".bin" / "lighthouse"),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )
    report = json.loads(Path(output).read_text())
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--min", type=int, default=95)
    args = parser.parse_args()
    reports = ROOT / "docs" / "lighthouse" / "reports"
    reports.mkdir(exist_ok=True)
    failed = False
    with demo_server() as base_url:
        from articles.models import Article

        rich = Article.objects.published().filter(body__contains="https://www.youtube.com/").first()
        pages = {"home": "/", "article": (rich or Article.objects.published().first()).get_absolute_url()}
        live = Article.objects.published().filter(live=Article.Live.RUNNING).first()
        if live is not None:
            pages["live"] = live.get_absolute_url()
        for name, path in pages.items():
            scores = lighthouse(base_url + path, reports / f"{name}.json")
            print(f"{name:8} " + "  ".join(f"{category} {score}" for category, score in scores.items()))
            failed |= any(score < args.min for score in scores.values())
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
