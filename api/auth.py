"""Who calls the API: anyone may read; ``Authorization: Bearer <token>`` identifies a client."""

from ninja.security import HttpBearer

from .tokens import token_authenticate


class _Anonymous:
    """A reader without token: ninja wants a true value from an auth that lets a request in."""

    pk = None

    def __bool__(self):
        return True

    def __repr__(self):
        return "ANONYMOUS"


ANONYMOUS = _Anonymous()


class OptionalBearer(HttpBearer):
    """No header: an anonymous reader. A header: it must carry an active token (else 401),
    so that a client whose token was revoked learns it instead of silently losing its quota."""

    def __call__(self, request):
        if "Authorization" not in request.headers:
            return ANONYMOUS
        scheme, _, raw = request.headers["Authorization"].partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, raw.strip())

    def authenticate(self, request, token):
        return token_authenticate(token)


class RequiredBearer(HttpBearer):
    """Writes (live posts): only an active token opens them, and acts as its user."""

    def authenticate(self, request, token):
        return token_authenticate(token)
