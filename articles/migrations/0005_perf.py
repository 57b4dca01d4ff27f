"""Indexes the scale benchmark asked for (bench/README.md, "Scale").

``article_recent_idx`` (publish_at DESC, id DESC) is the default order of the admin
changelist and serves its date hierarchy's MIN/MAX: without it, the first page of the
changelist sorted the whole table. Plain SQL that PostgreSQL and SQLite both accept,
not declared in ``Article.Meta`` (as for the search index of 0003_search), so that the
model file stays untouched by this migration.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_reads"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX IF NOT EXISTS article_recent_idx ON articles_article (publish_at DESC, id DESC)",
            reverse_sql="DROP INDEX IF EXISTS article_recent_idx",
        ),
    ]
