from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        import reversion

        from .models import Article, ArticleAuthor, Box, UpdateNote
        from . import search  # noqa: F401  (connects the search-vector refresh)

        # Every save through a revision block keeps the article with its byline,
        # encadrés and notes, so that a restore brings all of them back.
        for model in (ArticleAuthor, Box, UpdateNote):
            if not reversion.is_registered(model):
                reversion.register(model)
        if not reversion.is_registered(Article):
            reversion.register(Article, follow=["article_authors", "boxes", "notes"])
