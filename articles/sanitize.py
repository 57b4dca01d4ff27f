"""The one sanitiser of rich text: what the admin's editor can produce, nothing more.

No script, no event handler, no style, no iframe, and links only to http(s), mailto
and site-relative addresses. Used by the editor field and again in ``Article.save()``
so that text arriving by any road (admin, shell, import) is cleaned.

Photos are figures whose image names a photo of the library (``data-file``, set by
the editor's photo picker); tables are plain rows and cells. Embeds are never markup:
an editor pastes the address of a video, post or map alone in its paragraph and
``articles.body`` makes it a click-to-load placeholder. A pasted iframe is dropped.
"""

import nh3
from django.urls import reverse_lazy

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
    "code",
    "figure",
    "figcaption",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "img": {"src", "alt", "data-file"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}


def _attribute_filter(tag, attribute, value):
    """Numbers only where numbers are meant (a photo id, a cell's span); images from here."""
    if attribute in ("data-file", "colspan", "rowspan"):
        return value if value.isdigit() and len(value) < 12 else None
    if tag == "img" and attribute == "src":
        # Shown in the editor only (readers get the library's renditions): never
        # another site's address, which would reach a third party.
        return value if value.startswith("/") and not value.startswith("//") else None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener",
    strip_comments=True,
    attribute_filter=_attribute_filter,
)

# The editor's extensions, matching ALLOWED_TAGS (django-prose-editor's names).
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
    # A photo of the library, picked in a window of the admin (articles.admin_picker).
    "Figure": {"pickerUrl": reverse_lazy("photo-picker")},
    "Image": True,
    "Caption": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}


def sanitize_html(html: str) -> str:
    """Return ``html`` with only the allowed markup; an empty editor gives ""."""
    cleaned = _cleaner.clean(html or "").strip()
    if cleaned in {"<p></p>", "<p><br></p>"}:
        return ""
    return cleaned
