from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_perf"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="reactions_count",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="Tenu à jour par la modération des réactions (comments.moderation).",
                verbose_name="réactions publiées",
            ),
        ),
    ]
