"""Moderation rights for the moderators and the editors (groups from articles 0002_roles)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Modérateurs", "Rédaction en chef")
PERMS = [
    ("reaction", "view_reaction"),
    ("reaction", "moderate_reaction"),
    ("reactionreport", "view_reactionreport"),
    ("reactiontransition", "view_reactiontransition"),
    ("moderationword", "view_moderationword"),
    ("moderationword", "add_moderationword"),
    ("moderationword", "change_moderationword"),
    ("moderationword", "delete_moderationword"),
]


def _permissions(apps):
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label="comments", content_type__model=model, codename=codename)
        for model, codename in PERMS
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="comments")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
