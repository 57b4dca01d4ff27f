"""Full-text search in French, without regard to accents, on PostgreSQL.

Readers type "ecole" for "école": the ``french_unaccent`` configuration strips
accents before stemming, on both the stored vectors and the queries. The GIN index
keeps the search fast; the backfill makes existing articles findable at once.

Nothing here runs on SQLite, where search falls back to a plain ``icontains``.
The index is created in SQL only, not declared in ``Article.Meta``: a ``GinIndex``
there would make ``migrate`` fail on SQLite. The SQL of the vector must stay the
same as ``articles.search.search_vector_expression``.
"""

from django.db import migrations

CONFIG = "french_unaccent"
INDEX = "article_search_vector_gin"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.french);
            ALTER TEXT SEARCH CONFIGURATION {CONFIG}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END
    $$
    """,
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article USING gin (search_vector)",
    f"""
    UPDATE articles_article SET search_vector =
        setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(standfirst, '')), 'B')
        || setweight(to_tsvector('{CONFIG}'::regconfig,
                     regexp_replace(coalesce(body, ''), '<[^>]*>', ' ', 'g')), 'C')
    """,
]

BACKWARD = [
    f"DROP INDEX IF EXISTS {INDEX}",
    "UPDATE articles_article SET search_vector = NULL",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
]


def _run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
