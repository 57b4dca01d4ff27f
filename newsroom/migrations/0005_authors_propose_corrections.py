"""Journalists propose corrections to their published articles; editors decide."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALISTS = "Journalistes"
EDITORS = "Rédaction en chef"
JOURNALIST_PERMS = ["view_correctionproposal", "add_correctionproposal"]
EDITOR_PERMS = [*JOURNALIST_PERMS, "change_correctionproposal", "decide_correctionproposal"]


def _permissions(apps, codenames):
    app_config = apps.get_app_config("newsroom")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [Permission.objects.get(content_type__app_label="newsroom", codename=codename) for codename in codenames]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in ((JOURNALISTS, JOURNALIST_PERMS), (EDITORS, EDITOR_PERMS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="newsroom", codename__in=EDITOR_PERMS)
    for group in Group.objects.filter(name__in=[JOURNALISTS, EDITORS]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_correction_proposals"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
