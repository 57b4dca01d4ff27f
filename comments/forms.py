"""The readers' forms. They defend themselves (honeypot, signed timestamp) before any
rule of comments.moderation runs; the rules themselves live in the services."""

import time

from django import forms
from django.conf import settings
from django.core import signing

from common.french import NNBSP, french_number
from common.text import visible_text

from .models import ReactionReport

TOKEN_SALT = "comments.reaction-form"


def make_token(article_id: int, now: float | None = None) -> str:
    """A signed record of which article's form was served, and when."""
    return signing.dumps({"a": article_id, "t": int(now if now is not None else time.time())}, salt=TOKEN_SALT)


class VisibleCharField(forms.CharField):
    """Normalised (visible_text) before Django strips and validates it."""

    def to_python(self, value):
        return super().to_python(visible_text(value) if isinstance(value, str) else value)


class VisibleEmailField(forms.EmailField):
    def to_python(self, value):
        return super().to_python(visible_text(value) if isinstance(value, str) else value)


class ReactionForm(forms.Form):
    name = VisibleCharField(
        label="Nom",
        max_length=80,
        error_messages={
            "required": "Merci d'indiquer votre nom",
            "max_length": "Nom trop long (80 caractères au maximum)",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = VisibleEmailField(
        label="E-mail",
        help_text="Jamais publiée.",
        max_length=254,
        error_messages={
            "required": "Merci d'indiquer votre adresse e-mail",
            "invalid": "Adresse e-mail non valide",
            "max_length": "Adresse e-mail non valide",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = VisibleCharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Merci d'écrire un message"},
    )
    # The honeypot: hidden from people, filled in by naive robots.
    website = forms.CharField(label="Ne pas remplir ce champ", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.message_max = settings.REACTIONS_MESSAGE_MAX_LENGTH
        self.fields["message"].widget.attrs["maxlength"] = self.message_max
        self.fields["message"].help_text = f"{french_number(self.message_max)} caractères au maximum."

    def clean_message(self):
        message = self.cleaned_data["message"]
        if len(message) > self.message_max:
            raise forms.ValidationError(
                f"Message trop long{NNBSP}: {french_number(len(message))} caractères "
                f"pour {french_number(self.message_max)} au maximum",
                code="too_long",
            )
        return message

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError("Envoi refusé.", code="honeypot")
        return ""

    def _token_data(self, max_age):
        return signing.loads(self.data.get("token", ""), salt=TOKEN_SALT, max_age=max_age)

    def clean_token(self):
        max_age = settings.REACTIONS_FORM_MAX_AGE
        try:
            data = self._token_data(max_age)
        except signing.SignatureExpired:
            raise forms.ValidationError(
                "Le formulaire a expiré. Vérifiez votre message, puis envoyez-le à nouveau.", code="expired"
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                "Le formulaire n'est pas valide. Rechargez la page, puis envoyez votre message.", code="bad_token"
            ) from None
        if not self._is_ours(data):
            raise forms.ValidationError(
                "Le formulaire n'est pas valide. Rechargez la page, puis envoyez votre message.", code="bad_token"
            )
        age = time.time() - data["t"]
        if age < settings.REACTIONS_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                "Envoi trop rapide. Relisez votre message, puis envoyez-le à nouveau.", code="too_fast"
            )
        return data

    def _is_ours(self, data) -> bool:
        """A payload make_token wrote for this article: whole numbers, nothing else.

        The signature proves who wrote it, not its shape: a token signed with a leaked
        or reused key may hold any JSON (a text, null, NaN), which must not reach the
        arithmetic below.
        """
        if not isinstance(data, dict) or self.article is None:
            return False
        article_id, served_at = data.get("a"), data.get("t")
        return (
            type(article_id) is int
            and article_id == self.article.pk
            and type(served_at) is int
            and 0 <= served_at <= time.time() + 60
        )

    def add_error(self, field, error):
        # Token and honeypot errors concern the whole form: show them above it.
        if field in ("token", "website"):
            field = None
        super().add_error(field, error)

    @property
    def fresh_token(self) -> str:
        """The token to serve with this form: the reader's own while still usable, else a new one.

        Keeping a too-fresh token lets the reader resend a few seconds later; an expired or
        forged one is replaced so that the kept message can be sent after a reload-free wait.
        """
        if self.is_bound and self.article is not None:
            try:
                data = self._token_data(settings.REACTIONS_FORM_MAX_AGE)
            except signing.BadSignature:
                data = None
            if self._is_ours(data):
                return self.data.get("token")
        return make_token(self.article.pk if self.article else 0)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="Motif",
        choices=ReactionReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Merci de choisir un motif",
            "invalid_choice": "Merci de choisir un motif dans la liste",
        },
    )
