"""French typography for reader-facing text: narrow no-break spaces (U+202F).

French sets a thin unbreakable space before ``; : ! ?`` and inside « ». Editors type
ordinary spaces (or none), which browsers happily wrap, leaving a lone "?" at the start
of a line. ``french_typography`` fixes the text nodes of an HTML fragment only: tags,
attribute values, entities, URLs and the content of <code>, <pre>, <script> and
<style> are left byte for byte as they were.

The result depends only on the input, so it is memoised: a page shown a thousand times
is typeset once per process.
"""

import re
from functools import lru_cache

from common.french import NNBSP

_SPACES = " \u00a0\u202f\t"

# A tag, a comment or a doctype: never touched.
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
# Elements whose text is not prose.
_RAW_ELEMENTS = {"code", "pre", "script", "style", "kbd", "samp", "textarea"}
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
# Pieces of a text node that are not prose: URLs, e-mail addresses, entities.
_PROTECTED = re.compile(
    r"(?:https?|ftp|mailto):[^\s<>\"'«»]+"
    r"|www\.[^\s<>\"'«»]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);"
)
# Any run of spaces (or "&nbsp;") before ; : ! ? becomes one narrow no-break space.
_SPACE_BEFORE_PUNCT = re.compile(r"(?:[ \u00a0\u202f\t]|&nbsp;)+(?=[;:!?])")
# ! and ? glued to a word ("Vraiment?") get their space too; ";" and ":" do not,
# because "10:30", "http:" or "1:2" are not prose to fix.
_GLUED_PUNCT = re.compile(r"(?<=[^\s\u00a0\u202f!?;:(\[«'\"’])(?=[!?])")
_NBSP_ENTITY_SPACING = re.compile(r"«(?:&nbsp;)+|(?:&nbsp;)+(?=[;:!?»])")
_AFTER_OPEN_QUOTE = re.compile(r"«(?:[ \u00a0\u202f\t]|&nbsp;)*")
_BEFORE_CLOSE_QUOTE = re.compile(r"(?:[ \u00a0\u202f\t]|&nbsp;)*»")


def _fix_prose(text: str) -> str:
    text = _SPACE_BEFORE_PUNCT.sub(NNBSP, text)
    text = _GLUED_PUNCT.sub(NNBSP, text)
    text = _AFTER_OPEN_QUOTE.sub("«" + NNBSP, text)
    text = _BEFORE_CLOSE_QUOTE.sub(NNBSP + "»", text)
    return text


def _fix_text_node(text: str) -> str:
    """Typeset a text node, leaving its URLs, addresses and entities alone."""
    # "&nbsp;" is an entity (protected below) but also a space to normalise.
    text = _NBSP_ENTITY_SPACING.sub(lambda m: m.group(0).replace("&nbsp;", " "), text)
    out = []
    position = 0
    for match in _PROTECTED.finditer(text):
        out.append(_fix_prose(text[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_fix_prose(text[position:]))
    return "".join(out)


@lru_cache(maxsize=2048)
def french_typography(html: str) -> str:
    """Return ``html`` with French spacing in its text nodes (markup untouched)."""
    if not html:
        return html
    parts = _TAG.split(html)
    raw_depth = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            match = _TAG_NAME.match(part)
            if match and match.group(2).lower() in _RAW_ELEMENTS and not part.endswith("/>"):
                raw_depth += -1 if match.group(1) else 1
                raw_depth = max(raw_depth, 0)
            continue
        if raw_depth == 0 and part:
            parts[index] = _fix_text_node(part)
    return "".join(parts)
