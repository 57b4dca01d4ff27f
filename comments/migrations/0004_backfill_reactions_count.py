"""Article.reactions_count (articles 0006) from the reactions already approved."""

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def backfill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Reaction = apps.get_model("comments", "Reaction")
    approved = (
        Reaction.objects.filter(article=OuterRef("pk"), state="approved")
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Article.objects.update(reactions_count=Coalesce(Subquery(approved), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_article_reactions_count"),
        ("comments", "0003_starter_word_lists"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
