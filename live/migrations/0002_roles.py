"""Journalists and editors post on lives (the services decide on which ones)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Journalistes", "Rédaction en chef")
PERMS = ["add_livepost", "change_livepost", "view_livepost", "view_livepostchange"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("live")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="live", codename__in=PERMS)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="live")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_initial"),
        ("articles", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
