from django.apps import AppConfig
from django.db.models.signals import pre_delete

# What a revision of an article keeps besides its row, so that a restore brings all of
# it back: byline, encadrés, notes and tags (taggit's items). The admin registers the
# article first (django.contrib.admin is ready before this app): ArticleAdmin uses it too.
ARTICLE_REVISION_FOLLOW = ("article_authors", "boxes", "notes", "tagged_items")


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        import reversion
        from taggit.models import Tag, TaggedItem

        from . import search  # noqa: F401  (connects the search-vector refresh)
        from .models import Article, ArticleAuthor, Box, UpdateNote

        for model in (ArticleAuthor, Box, UpdateNote, TaggedItem):
            if not reversion.is_registered(model):
                reversion.register(model)
        if not reversion.is_registered(Article):
            reversion.register(Article, follow=ARTICLE_REVISION_FOLLOW)
        pre_delete.connect(forget_tag_in_revisions, sender=Tag, dispatch_uid="revisions-forget-tag")


def forget_tag_in_revisions(sender, instance, **kwargs):
    """A deleted tag leaves the revisions that used it, which then restore without it.

    Their tagged items point at the tag: django-reversion could not write them back,
    and would refuse to restore the whole article (text included) for their sake.
    """
    from django.contrib.contenttypes.models import ContentType
    from reversion.models import Version
    from taggit.models import TaggedItem

    Version.objects.filter(
        content_type=ContentType.objects.get_for_model(TaggedItem),
        # Django's JSON serializer writes {"tag": <id>, "content_type": …}; a tagged item
        # has only integer fields, so nothing else can read like this.
        serialized_data__contains=f'"tag": {instance.pk},',
    ).delete()
