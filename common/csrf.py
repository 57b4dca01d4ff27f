"""A reader's CSRF token for a form served from a cache, as Django's ``get_token()`` makes it.

Pages kept by the page cache (and the reactions region kept per article) hold a hole
where the form's token goes; each reader gets a token of their own when the page is
served. Django draws every character of a token with ``secrets.choice``: one system call
per character, 64 for a new reader (the cookie's secret, then the mask), about 115 µs,
an eighth of a page served from the cache (bench/README.md, issue 15). ``form_token()``
draws the same characters from one ``secrets.token_bytes`` call, with rejection sampling
so that each is uniform over Django's alphabet, masks the secret as Django does and sets
the same request flags: the CSRF middleware then sets the cookie, and checks the token
on the POST, exactly as for a token of its own (``tests/common/test_csrf.py``).
"""

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

_ALPHABET = len(CSRF_ALLOWED_CHARS)
# Bytes at or above this would make the first characters likelier than the others.
_UNBIASED = 256 - 256 % _ALPHABET
_POSITION = {char: position for position, char in enumerate(CSRF_ALLOWED_CHARS)}


def random_chars(length: int) -> str:
    """``length`` characters of Django's CSRF alphabet, each uniform, from the OS's CSPRNG."""
    chars = []
    while len(chars) < length:
        chars += [CSRF_ALLOWED_CHARS[byte % _ALPHABET] for byte in secrets.token_bytes(length + 8) if byte < _UNBIASED]
    return "".join(chars[:length])


def form_token(request) -> str:
    """What ``django.middleware.csrf.get_token(request)`` returns, and with the same effect:
    the reader's secret (a new one, sent as the cookie, when they have none) masked by
    a new random mask."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = request.META["CSRF_COOKIE"] = random_chars(CSRF_SECRET_LENGTH)
    # As get_token(): the middleware sends the cookie again, which renews its expiry.
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = random_chars(CSRF_SECRET_LENGTH)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_POSITION[s] + _POSITION[m]) % _ALPHABET] for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher
