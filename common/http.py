"""The HTTP names and facts every app shares: the client's address, the article header.

One module owns them so that copies cannot drift (the reads and reactions copies of
the client IP once disagreed on which proxy hop to trust).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core import checks

# Set by the article view on a public article's response; the read counter counts the
# responses that carry it, and the page cache stores it with the page.
ARTICLE_ID_HEADER = "X-Article-Id"


def client_ip(request) -> str:
    """The reader's address: REMOTE_ADDR, or the last hop of ``CLIENT_IP_HEADER``.

    Behind a proxy every request comes from the proxy's address. The trusted proxy
    appends the address it saw to ``X-Forwarded-For`` (or sets ``X-Real-IP``): that
    last hop is the only one a client cannot write itself, the earlier ones are
    whatever the client sent. A value that is not an IP address is ignored.
    """
    header = settings.CLIENT_IP_HEADER
    if header and header != "REMOTE_ADDR":
        last = request.META.get(header, "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")


@checks.register(checks.Tags.security, deploy=True)
def check_client_ip_header(app_configs=None, **kwargs):
    """Behind a proxy without the setting, every reader has the proxy's address: the
    per-address limits become site-wide caps and reads are deduplicated per proxy."""
    if settings.DEBUG or settings.CLIENT_IP_HEADER:
        return []
    return [
        checks.Warning(
            "CLIENT_IP_HEADER n'est pas défini : derrière un proxy, tous les lecteurs auraient "
            "l'adresse du proxy (limites par adresse et lectures faussées).",
            hint=(
                "Derrière nginx : CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR (ou HTTP_X_REAL_IP). "
                "Sans proxy : CLIENT_IP_HEADER=REMOTE_ADDR."
            ),
            id="common.W001",
        )
    ]
