"""Regenerate the README's screenshots: ``.venv/bin/python docs/screenshots/make_screenshots.py``.

Builds the demo site in a throwaway SQLite database, serves it on a free loopback port,
and photographs each page with Playwright driving Debian's chromium
(``PLAYWRIGHT_CHROMIUM``, default /usr/bin/chromium; no browser is downloaded) at 390
and 1 280 px wide. Each picture is stored as a palette PNG, or as a JPEG when that is
the only way under 300 KB.
"""

import io
import os
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs"))
from demo_server import demo_server  # noqa: E402

OUT = Path(__file__).resolve().parent
MAX_BYTES = 300 * 1024
WIDTHS = {"390": (390, 1300), "1280": (1280, 1500)}


def save_small(png: bytes, stem: Path) -> Path:
    """A palette PNG if it fits in MAX_BYTES, else a JPEG of decreasing quality."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    for old in stem.parent.glob(stem.name + ".*"):
        old.unlink()
    buffer = io.BytesIO()
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(buffer, "PNG", optimize=True)
    if buffer.tell() <= MAX_BYTES:
        path = stem.with_suffix(".png")
        path.write_bytes(buffer.getvalue())
        return path
    for quality in (85, 75, 65, 55, 45):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        if buffer.tell() <= MAX_BYTES:
            break
    path = stem.with_suffix(".jpg")
    path.write_bytes(buffer.getvalue())
    return path


def shots(base_url):
    """(name, path, action before the picture or None, needs the editor's login)."""
    from django.urls import reverse  # Django is set up by the caller

    from articles.models import Article, Category

    with_embed = Article.objects.published().filter(body__contains="https://www.youtube.com/").first()
    article = with_embed or Article.objects.published().first()
    region = Category.objects.filter(parent=None).order_by("position", "name").first()
    pages = [
        ("home", "/", None, False),
        ("region", region.get_absolute_url(), None, False),
        ("article", article.get_absolute_url(), None, False),
        ("search", "/recherche/?q=montagne", None, False),
        ("desk", "/admin/", None, True),
    ]
    live = Article.objects.published().filter(live=Article.Live.RUNNING).first()
    if live is not None:
        pages += [
            ("live", live.get_absolute_url(), "live", False),
            ("live-new-post", live.get_absolute_url(), "live-new-post", False),
            ("live-desk", reverse("admin:live_desk", args=[live.pk]), None, True),
        ]
    if with_embed:
        pages.insert(3, ("article-embed", article.get_absolute_url(), "scroll-to-embed", False))
        pages.insert(4, ("article-embed-loaded", article.get_absolute_url(), "embed", False))
    return pages


def post_on_the_live(path):
    """A journalist posts while the reader's page is open (it offers "1 nouveau message")."""
    from articles.models import Article
    from live.models import LivePost

    live = next(
        article for article in Article.objects.filter(live=Article.Live.RUNNING) if article.get_absolute_url() == path
    )
    return LivePost.objects.create(
        article=live,
        body="<p>Dernière mesure : l’Isère est stable depuis une demi-heure à Grenoble.</p>",
        signature="Claire Vernet",
    )


def main():
    with demo_server() as base_url:
        photograph(base_url, shots(base_url))


def photograph(base_url, pages):
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--headless=new", "--no-sandbox"])
        for label, (width, height) in WIDTHS.items():
            context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": height})
            page = context.new_page()
            # Offline: third-party requests (embeds after the click) are answered empty.
            page.route(
                lambda url: not url.startswith(base_url),
                lambda route: route.fulfill(status=200, content_type="text/html", body="<p>Contenu externe</p>"),
            )
            logged_in = False
            for name, path, action, login in pages:
                if login and not logged_in:
                    logged_in = True
                    page.goto(base_url + "/admin/login/?next=" + path)
                    page.fill("#id_username", "redaction")
                    page.fill("#id_password", "demo-newsroom")
                    page.click("input[type=submit]")
                page.goto(base_url + path, wait_until="networkidle")
                if action in ("scroll-to-embed", "embed"):
                    page.locator("[data-embed]").first.evaluate("element => element.scrollIntoView()")
                if action == "embed":
                    page.locator("[data-embed] button").first.click()
                    page.wait_for_timeout(300)
                if action in ("live", "live-new-post"):
                    page.locator("#direct").evaluate("element => element.scrollIntoView()")
                new_post = None
                if action == "live-new-post":
                    new_post = post_on_the_live(path)
                    page.locator("[data-live-show]").wait_for(state="visible", timeout=15_000)
                png = page.screenshot(full_page=False)
                if new_post is not None:
                    new_post.delete()  # the next width photographs it arriving again
                saved = save_small(png, OUT / f"{name}-{label}")
                print(f"{saved.relative_to(ROOT)}: {saved.stat().st_size // 1024} KB")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
