from django.apps import AppConfig

# What a revision of an article keeps besides its row, so that a restore brings all of
# it back: byline, encadrés, notes and tags (taggit's items). The admin registers the
# article first (django.contrib.admin is ready before this app): ArticleAdmin uses it too.
ARTICLE_REVISION_FOLLOW = ("article_authors", "boxes", "notes", "tagged_items")


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        import reversion
        from taggit.models import TaggedItem

        from .models import Article, ArticleAuthor, Box, UpdateNote
        from . import search  # noqa: F401  (connects the search-vector refresh)

        for model in (ArticleAuthor, Box, UpdateNote, TaggedItem):
            if not reversion.is_registered(model):
                reversion.register(model)
        if not reversion.is_registered(Article):
            reversion.register(Article, follow=ARTICLE_REVISION_FOLLOW)
