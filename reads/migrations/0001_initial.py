"""The reads app takes over ReadDay, ReaderMark and FlushedBatch from articles, rows and all.

State only for the tables: they keep their names (``db_table``), so nothing is copied
or locked, and workers still running the previous code during a deploy keep counting
into the same tables until they restart. Renaming them would buy nothing but tidier
names at the price of a window in which those workers' reads fail.

The content types are relabelled so that permissions granted on these models follow
them (on a fresh database there are none yet: post_migrate creates them afterwards).
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

MODELS = ("readday", "readermark", "flushedbatch")


def relabel(source, target):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        taken = ContentType.objects.filter(app_label=target, model__in=MODELS).values_list("model", flat=True)
        ContentType.objects.filter(app_label=source, model__in=MODELS).exclude(model__in=list(taken)).update(
            app_label=target
        )

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0007_reads_move_to_their_app"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
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
                        "db_table": "articles_flushedbatch",
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
                        "db_table": "articles_readermark",
                    },
                ),
                migrations.CreateModel(
                    name="ReadDay",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("day", models.DateField()),
                        ("count", models.PositiveIntegerField(default=0)),
                        (
                            "article",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="daily_reads",
                                to="articles.article",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "lectures du jour",
                        "verbose_name_plural": "lectures par jour",
                        "db_table": "articles_readday",
                        "indexes": [models.Index(fields=["day", "article"], name="readday_day_idx")],
                        "constraints": [
                            models.UniqueConstraint(fields=("article", "day"), name="readday_article_day_unique")
                        ],
                    },
                ),
            ],
            database_operations=[
                migrations.RunPython(relabel("articles", "reads"), relabel("reads", "articles")),
            ],
        ),
    ]
