"""Forms and widgets of the journalists' admin.

Tags: taggit's ``TaggableManager`` cannot go in ``autocomplete_fields`` (Django's
autocomplete view expects a plain relation and answers with primary keys).
``TagAutocompleteField`` reuses the select2 bundled with the admin over a small JSON
view of ``ArticleAdmin`` that answers with tag *names*, so the value is the list of
names taggit expects. New tags go in a plain "Nouveaux mots-clés" text field: select2's
free-entry mode would highlight the half-typed word above the existing tag it matches,
and Enter would then create "Gren" instead of choosing "Grenoble".
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteMixin, get_select2_language
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from taggit.models import Tag

from .models import Article

TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length


def editor_media(request, media):
    """The rich-text editor's media with the CSP nonce on its import map (an inline
    <script>); the response must then allow it (``allow_editor_scripts``)."""
    if media is None or not hasattr(request, "csp_nonce"):
        return media
    from js_asset import Media

    return Media.from_media(media, nonce=request.csp_nonce)


def allow_editor_scripts(request, response):
    """Let the page's nonced import map run (see ``editor_media``)."""
    if hasattr(request, "csp_nonce"):
        from csp.constants import NONCE

        response._csp_update = {"script-src": [NONCE]}
    return response


class TagAutocompleteWidget(AutocompleteMixin, forms.SelectMultiple):
    """select2 over the existing tag names (the option values are names, not ids)."""

    def __init__(self, url="", attrs=None):
        forms.SelectMultiple.__init__(self, attrs=attrs)
        self.url = url
        self.db = None
        self.i18n_name = get_select2_language()

    def get_url(self):
        return str(self.url)

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = forms.SelectMultiple.build_attrs(self, base_attrs, extra_attrs=extra_attrs)
        css_class = attrs.get("class", "")
        attrs.update(
            {
                "data-ajax--cache": "true",
                "data-ajax--delay": 250,
                "data-ajax--type": "GET",
                "data-ajax--url": self.get_url(),
                "data-theme": "admin-autocomplete",
                "data-allow-clear": "true",
                "data-placeholder": "",
                "lang": self.i18n_name or get_language(),
                "class": f"{css_class} admin-autocomplete".strip(),
            }
        )
        return attrs

    def format_value(self, value):
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        names = []
        for item in value:
            # The model's initial value is a list of Tag objects; a bound form gives names.
            name = getattr(item, "name", item)
            if name not in names:
                names.append(str(name))
        return names

    def optgroups(self, name, value, attrs=None):
        """The selected tags are the only options: the others come from the JSON view."""
        options = [self.create_option(name, tag, tag, True, index) for index, tag in enumerate(value)]
        return [(None, options, 0)]


class TagAutocompleteField(forms.Field):
    """A list of tag names, cleaned: trimmed, without duplicates, of valid length."""

    widget = TagAutocompleteWidget

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = value.split(",")
        names = []
        seen = set()
        for raw in value:
            for part in str(raw).split(","):
                name = " ".join(part.split())
                if name and name.casefold() not in seen:
                    seen.add(name.casefold())
                    names.append(name)
        return names

    def validate(self, value):
        super().validate(value)
        too_long = [name for name in value if len(name) > TAG_MAX_LENGTH]
        if too_long:
            raise ValidationError(
                "Mot-clé trop long (%(max)s caractères au maximum) : « %(name)s ».",
                code="tag_too_long",
                params={"max": TAG_MAX_LENGTH, "name": too_long[0][:40] + "…"},
            )

    def has_changed(self, initial, data):
        initial_names = sorted(getattr(tag, "name", tag) for tag in (initial or []))
        return initial_names != sorted(self.to_python(data))


# Names of the submit buttons of the change form, and the action each one asks for.
WORKFLOW_BUTTONS = {
    "_workflow_submit": "submit",
    "_workflow_publish": "publish",
    "_workflow_schedule": "schedule",
    "_workflow_unpublish": "unpublish",
    "_workflow_return_to_draft": "return_to_draft",
}


def requested_workflow_action(data):
    """The workflow action a POST asks for (one of WORKFLOW_BUTTONS' values), or None."""
    for button, action in WORKFLOW_BUTTONS.items():
        if button in data:
            return action
    return None


class ArticleAdminForm(forms.ModelForm):
    """The article form; checks what the clicked workflow button needs before saving.

    The checks here only spare the journalist a lost edit (the form comes back with
    the error); the rules themselves are enforced again by ``articles.services``.
    """

    tags = TagAutocompleteField(
        label="Mots-clés",
        required=False,
        help_text="Tapez le début d'un mot-clé existant pour le choisir.",
    )

    new_tags = forms.CharField(
        label="Nouveaux mots-clés",
        required=False,
        max_length=500,
        help_text="Séparés par des virgules, s'ils ne sont pas proposés ci-dessus.",
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields shown

    def clean_new_tags(self):
        """Names typed by hand; one matching an existing tag but for case reuses that tag."""
        names = TagAutocompleteField(required=False).clean(self.cleaned_data.get("new_tags", ""))
        return [Tag.objects.filter(name__iexact=name).values_list("name", flat=True).first() or name for name in names]

    def clean_publish_at(self):
        """The form shows seconds: an unchanged time must not lose its microseconds."""
        value = self.cleaned_data.get("publish_at")
        current = self.instance.publish_at if self.instance.pk else None
        if value and current and value == current.replace(microsecond=0):
            return current
        return value

    def clean(self):
        cleaned_data = super().clean()
        if "tags" in cleaned_data and cleaned_data.get("new_tags"):
            known = {name.casefold() for name in cleaned_data["tags"]}
            cleaned_data["tags"] = cleaned_data["tags"] + [
                name for name in cleaned_data["new_tags"] if name.casefold() not in known
            ]
        action = requested_workflow_action(self.data)
        if (
            "publish_at" in self.fields
            and "publish_at" not in self.errors
            and self.instance.pk
            and self.instance.status == Article.Status.PUBLISHED
            and cleaned_data.get("publish_at") != self.instance.publish_at
            and action not in {"schedule", "publish"}
        ):
            # Moving a scheduled article's time is a scheduling step: it goes through the
            # service (and its revision comment), not through a plain save.
            self.add_error(
                "publish_at",
                "Pour changer l'heure de mise en ligne d'un article programmé, "
                "cliquez sur « Programmer » (ou « Dépublier » pour l'annuler).",
            )
        if action == "schedule" and "publish_at" in self.fields:
            at = cleaned_data.get("publish_at")
            if "publish_at" in self.errors:
                return cleaned_data
            if at is None:
                self.add_error("publish_at", "Indiquez la date et l'heure de publication pour programmer l'article.")
            elif at <= timezone.now():
                self.add_error(
                    "publish_at",
                    "Cette date est passée : pour programmer, choisissez une date future "
                    "(ou cliquez sur « Publier maintenant »).",
                )
        return cleaned_data
