"""From the stored (sanitised) body to what readers get: photos, galleries, tables, embeds.

The editor stores plain, known structures only (``articles.sanitize``): a library
photo is ``<figure><img data-file="<photo id>" …><figcaption>…</figcaption></figure>``,
an embed is a paragraph holding nothing but the address of a post or a video
(pasted in the editor). ``render_body`` turns them into the page's markup:

- a library photo becomes a ``<picture>`` with its renditions, its caption (the
  editor's, else the library's) and its credit; a figure whose photo is gone is dropped;
- two photos or more in a row become a gallery;
- a table gets a scrolling frame for phones;
- an embed becomes a placeholder that names the provider and says what loading it
  does. Nothing is requested from the provider until the reader clicks "Charger"
  (static/js/site.js then writes the iframe): no cookie, no IP address leaves before
  consent (CNIL). The providers are in ``articles.embeds``.

``render_body`` depends only on the body and the photos it names (one query), so it can
run once at save time and be stored.
"""

import re

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .embeds import Embed, embed_for_url
from .models import Photo

# A paragraph holding only an address, typed or as a link (whose text is the address).
_URL_PARAGRAPH = re.compile(
    r'<p>\s*(?:<a href="(?P<href>https?://[^"]+)"[^>]*>(?P<text>[^<]*)</a>|(?P<bare>https?://[^\s<]+))\s*</p>'
)
_FIGURE = re.compile(r"<figure[^>]*>(?P<inner>.*?)</figure>", re.S)
_IMG_FILE = re.compile(r'<img\b[^>]*\bdata-file="(\d+)"')
_IMG_ALT = re.compile(r'<img\b[^>]*\balt="([^"]*)"')
_CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.S)
_GALLERY = re.compile(r'(?:<figure class="body-photo">(?:(?!</figure>).)*</figure>\s*){2,}', re.S)
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_STRAY_IMG = re.compile(r'<img\b(?![^>]*\bdata-file="\d+")[^>]*>')


def _unescape_attr(value: str) -> str:
    return value.replace("&amp;", "&")


def render_embed(embed: Embed) -> str:
    return render_to_string("includes/embed.html", {"embed": embed})


def _embed_paragraph(match):
    href = match.group("href")
    if href is not None and match.group("text").strip() not in (href, _unescape_attr(href)):
        return match.group(0)  # a link with words of its own is a link, not an embed
    url = _unescape_attr(href or match.group("bare"))
    embed = embed_for_url(url)
    return render_embed(embed) if embed else match.group(0)


def _photo_figure(photos):
    def replace(match):
        inner = match.group("inner")
        found = _IMG_FILE.search(inner)
        photo = photos.get(int(found.group(1))) if found else None
        if photo is None:
            return ""  # not from the library, or deleted since: nothing to show
        alt = _IMG_ALT.search(inner)
        caption = _CAPTION.search(inner)
        return render_to_string(
            "includes/body_photo.html",
            {
                "photo": photo,
                # Both come from the sanitised body, escaped already; the library's are plain text.
                "alt": mark_safe(alt.group(1)) if alt and alt.group(1) else photo.alt_text,
                "caption": mark_safe(caption.group(1).strip()) if caption else photo.caption,
            },
        )

    return replace


def _gallery(match):
    figures = match.group(0).strip()
    count = figures.count('<figure class="body-photo"')
    return format_html(
        '<div class="gallery" role="group" tabindex="0" aria-label="Galerie de {} photos">{}</div>',
        count,
        mark_safe(figures),
    )


def body_photo_ids(html: str) -> set:
    return {int(pk) for pk in _IMG_FILE.findall(html or "")}


def render_body(html: str, *, photos: dict | None = None) -> str:
    """The reader's markup of a sanitised body (see the module's docstring)."""
    if not html:
        return ""
    if photos is None:
        ids = body_photo_ids(html)
        photos = Photo.objects.in_bulk(ids) if ids else {}
    html = _STRAY_IMG.sub("", html)  # an image that is not a photo of the library
    html = _FIGURE.sub(_photo_figure(photos), html)
    html = _GALLERY.sub(_gallery, html)
    html = _URL_PARAGRAPH.sub(_embed_paragraph, html)
    html = _TABLE.sub(
        lambda m: (
            '<div class="table-scroll" tabindex="0" role="region" aria-label="Tableau">'
            f"<table>{m.group(1)}</table></div>"
        ),
        html,
    )
    return html
