"""La une, alerte info and the site's pages are the editors' (group from articles 0002_roles).

Journalists and moderators get no right on them: the admin does not even list them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Rédaction en chef"
MODELS = ("frontpage", "frontslot", "breakingnews", "sitepage")
PERMS = [(model, f"{action}_{model}") for model in MODELS for action in ("view", "add", "change", "delete")]


def _permissions(apps):
    app_config = apps.get_app_config("newsroom")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label="newsroom", content_type__model=model, codename=codename)
        for model, codename in PERMS
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="newsroom", content_type__model__in=MODELS)
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_une_alert_pages"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
