from django import forms

from articles.models import Category
from common.text import normalise_email


class NormalisedEmailField(forms.EmailField):
    """Normalised before it is validated: an invisible character neither passes nor makes
    a second address."""

    def to_python(self, value):
        return normalise_email(super().to_python(value))


class SubscribeForm(forms.Form):
    email = NormalisedEmailField(
        label="Votre adresse e-mail",
        max_length=254,
        error_messages={
            "required": "Merci d'indiquer votre adresse e-mail",
            "invalid": "Adresse e-mail non valide",
            "max_length": "Adresse e-mail non valide",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    regions = forms.ModelMultipleChoiceField(
        label="Les régions qui vous intéressent",
        queryset=Category.objects.filter(parent__isnull=True).order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choisissez au moins une région",
            "invalid_choice": "Région inconnue",
            "invalid_pk_value": "Région inconnue",
        },
    )
    # The honeypot: hidden from people, filled in by naive robots.
    website = forms.CharField(label="Ne pas remplir ce champ", required=False)

    def clean(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Envoi refusé.", code="honeypot")
        return super().clean()
