"""ReadDay, ReaderMark and FlushedBatch now belong to the reads app.

State only: their tables stay as they are, with their rows and names; the reads app's
first migration takes them over (``reads/migrations/0001_initial.py``).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_article_reactions_count"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ReadDay"),
                migrations.DeleteModel(name="ReaderMark"),
                migrations.DeleteModel(name="FlushedBatch"),
            ],
            database_operations=[],
        ),
    ]
