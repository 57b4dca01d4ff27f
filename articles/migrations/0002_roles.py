"""The newsroom's roles as groups. Accounts are created by demo_content, never here."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALISTS = "Journalistes"
EDITORS = "Rédaction en chef"
MODERATORS = "Modérateurs"

JOURNALIST_PERMS = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_photo",
    "articles.change_photo",
    "articles.view_photo",
    "articles.view_author",
    "articles.view_category",
    "articles.add_box",
    "articles.change_box",
    "articles.delete_box",
    "articles.view_box",
    "articles.add_articleauthor",
    "articles.change_articleauthor",
    "articles.delete_articleauthor",
    "articles.view_articleauthor",
    "articles.add_updatenote",
    "articles.change_updatenote",
    "articles.view_updatenote",
    "taggit.add_tag",
    "taggit.view_tag",
]
EDITOR_EXTRA_PERMS = [
    "articles.publish_article",
    "articles.edit_any_article",
    "articles.delete_article",
    "articles.delete_photo",
    "articles.add_author",
    "articles.change_author",
    "articles.add_category",
    "articles.change_category",
    "articles.delete_updatenote",
    "taggit.change_tag",
]


def _ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def _perms(apps, names):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def create_roles(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    journalists, _ = Group.objects.get_or_create(name=JOURNALISTS)
    journalists.permissions.add(*_perms(apps, JOURNALIST_PERMS))
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*_perms(apps, JOURNALIST_PERMS + EDITOR_EXTRA_PERMS))
    Group.objects.get_or_create(name=MODERATORS)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[JOURNALISTS, EDITORS, MODERATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
