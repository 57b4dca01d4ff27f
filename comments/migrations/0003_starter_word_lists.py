"""A short starter list; the moderators edit the lists in the admin."""

from django.db import migrations

BANNED = ["connard", "connasse", "enculé", "salope", "sale race"]
SUSPECT = ["con", "casino", "viagra", "crypto-monnaie", "crédit rapide", "gagner de l'argent", "arnaque"]


def _fold(text):
    # A frozen copy of common.french.fold (plus whitespace squeezing): a migration must
    # not import app code, which may change after the migration has run.
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def seed(apps, schema_editor):
    ModerationWord = apps.get_model("comments", "ModerationWord")
    for kind, words in (("banned", BANNED), ("suspect", SUSPECT)):
        for word in words:
            ModerationWord.objects.get_or_create(folded=_fold(word), defaults={"word": word, "kind": kind})


def unseed(apps, schema_editor):
    apps.get_model("comments", "ModerationWord").objects.filter(
        folded__in=[_fold(word) for word in BANNED + SUSPECT]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("comments", "0002_moderation_roles")]

    operations = [migrations.RunPython(seed, unseed)]
