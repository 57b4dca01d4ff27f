"""The quota of reads each network may add to an article per window (READS_NETWORK_CAP)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_reads_move_to_their_app"),
        ("reads", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="NetworkQuota",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "article", "network", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("network", models.CharField(max_length=32)),
                ("until", models.BigIntegerField(help_text="Fin de la fenêtre (secondes depuis l'époque Unix).")),
                ("used", models.PositiveIntegerField(default=0)),
                (
                    "article",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.article",
                    ),
                ),
            ],
            options={
                "verbose_name": "quota d'un réseau",
                "verbose_name_plural": "quotas des réseaux",
            },
        ),
    ]
