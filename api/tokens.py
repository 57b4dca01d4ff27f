"""Creating, checking and revoking API tokens: the admin, the command and the API call these."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from .models import ApiToken

TOKEN_PREFIX = "nr_"
# A token used again within this delay does not write its "last used" time again:
# an API client must not turn every request into a database write.
LAST_USED_PRECISION = timedelta(minutes=5)


def _digest(raw: str) -> str:
    # The token carries 256 random bits: a plain hash suffices, no slow password hash.
    return hashlib.sha256(raw.encode()).hexdigest()


def token_create(*, user, name: str = "") -> tuple[ApiToken, str]:
    """A new token for a staff account: returns the row and the token, shown only now."""
    if not (user.is_active and user.is_staff):
        raise ValidationError("Seul un compte actif de la rédaction peut recevoir un jeton d'API.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:10], digest=_digest(raw))
    return token, raw


def token_authenticate(raw: str) -> ApiToken | None:
    """The active token matching ``raw``, or None (unknown, revoked, or its user left)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.active().select_related("user").filter(digest=_digest(raw)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=token.revoked_at)
