"""Read counting: the dedupe marks of the default mode and the ids of flushed Redis batches.

``ReaderMark`` has a
composite primary key (article, reader): the upsert of a read targets exactly it.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    # Chained after the current leaf; the lead re-chains it if the order changes.
    dependencies = [
        ("articles", "0003_search"),
    ]

    operations = [
        migrations.CreateModel(
            name="FlushedBatch",
            fields=[
                ("batch_id", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("flushed_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("reads", models.PositiveBigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "lot de lectures écrit",
                "verbose_name_plural": "lots de lectures écrits",
            },
        ),
        migrations.CreateModel(
            name="ReaderMark",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "article", "reader", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("reader", models.CharField(max_length=32)),
                (
                    "until",
                    models.BigIntegerField(help_text="Fin de la fenêtre (secondes depuis l'époque Unix)."),
                ),
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
                "verbose_name": "lecteur compté",
                "verbose_name_plural": "lecteurs comptés",
            },
        ),
    ]
