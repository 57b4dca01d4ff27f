"""Which cached pages an editor's or moderator's action makes outdated.

The tags, as the public views declare them:
- ``article:<pk>``: the article's own page, and every page that shows it as a teaser
  in "À lire également";
- ``category:<pk>``: the section's and its region's list pages and feeds;
- ``author:<pk>``, ``tag:<slug>``: author and tag list pages;
- ``byline:<author pk>``: article pages that print the author's name;
- ``section:<pk>``: what names the section (an article's breadcrumb and dateline, a
  teaser's kicker), moved by a change of the section itself only;
- ``live:<pk>``: the page of a live (its posts);
- ``home``, ``feeds``, ``sitemaps``, ``search``, ``ads``, ``schedule``.

Receivers here are the extension point through which ``articles`` and ``comments``
(which never import ``newsroom``) reach the cache. The logic is in ``article_tags``.
Each invalidation runs at once and again after the transaction commits, and drops the
parts kept in the database (``articles.fragments``) of the articles it names.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils import timezone

from articles import fragments
from articles.models import Article, ArticleAuthor, Author, Box, Category, Photo, UpdateNote
from articles.photos import photo_articles

from .cache import invalidate_tags, refresh_schedule

LIST_TAGS = ("home", "feeds", "sitemaps", "search")


def article_tags(article, *, category_ids=()) -> set:
    """Every tag of the pages that show ``article`` (its old category included)."""
    tags = {f"article:{article.pk}", *LIST_TAGS}
    for category_id in {article.category_id, *category_ids} - {None}:
        tags.add(f"category:{category_id}")
        parent_id = Category.objects.filter(pk=category_id).values_list("parent_id", flat=True).first()
        if parent_id:
            tags.add(f"category:{parent_id}")
    tags.update(
        f"author:{pk}" for pk in ArticleAuthor.objects.filter(article_id=article.pk).values_list("author_id", flat=True)
    )
    tags.update(f"tag:{slug}" for slug in article.tags.values_list("slug", flat=True))
    return tags


def _invalidate(tags) -> None:
    invalidate_tags(*tags)
    # The parts of the articles named, kept in the database, go as well: with the cache
    # unreachable the tags' new versions are lost, and the kept ones would still match.
    fragments.forget(int(tag.removeprefix("article:")) for tag in tags if tag.startswith("article:"))


def invalidate_on_commit(tags) -> None:
    """Invalidate now and again after commit.

    Now, so that no page built from here on is served stale; after commit, because a
    page rebuilt in between may still have read the old rows.
    """
    _invalidate(tags)
    transaction.on_commit(lambda: _invalidate(tags))


def article_changed(sender, instance, **kwargs):
    loaded = instance._loaded_path or (None, None)
    tags = article_tags(instance, category_ids=[loaded[0]])
    if instance.status == Article.Status.PUBLISHED and instance.publish_at and instance.publish_at > timezone.now():
        # A new scheduled time may come before the expiry of pages already cached.
        tags.add("schedule")
    invalidate_on_commit(tags)
    refresh_schedule()
    transaction.on_commit(refresh_schedule)


def article_deleted(sender, instance, **kwargs):
    tags = {f"article:{instance.pk}", f"category:{instance.category_id}", *LIST_TAGS}
    invalidate_on_commit(tags)
    transaction.on_commit(refresh_schedule)


def article_part_changed(sender, instance, **kwargs):
    """A byline, encadré or note row: the article's page (and author lists for bylines)."""
    tags = {f"article:{instance.article_id}"}
    if isinstance(instance, ArticleAuthor):
        tags.add(f"author:{instance.author_id}")
        tags.update(LIST_TAGS)
    invalidate_on_commit(tags)


def tagged_item_changed(sender, instance, **kwargs):
    if instance.content_type.model_class() is not Article:
        return
    invalidate_on_commit({f"article:{instance.object_id}", f"tag:{instance.tag.slug}", "home"})


def related_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        invalidate_on_commit({f"article:{instance.pk}"})


def author_changed(sender, instance, **kwargs):
    invalidate_on_commit({f"author:{instance.pk}", f"byline:{instance.pk}"})


def category_changed(sender, instance, **kwargs):
    tags = {f"category:{instance.pk}", f"section:{instance.pk}", "home", "feeds", "sitemaps"}
    if instance.parent_id:
        tags.add(f"category:{instance.parent_id}")
    invalidate_on_commit(tags)


def photo_changed(sender, instance, **kwargs):
    """A photo's caption, credit or image (new renditions): the pages of the articles that
    show it, the lists that show those as teasers, and the author pages it portrays."""
    rows = list(photo_articles(instance).values_list("pk", "category_id", "category__parent_id")[:500])
    tags = {*LIST_TAGS} if rows else set()  # a photo no article shows changes no list
    for pk, category_id, parent_id in rows:
        tags.update({f"article:{pk}", f"category:{category_id}", *([f"category:{parent_id}"] if parent_id else [])})
    if rows:
        ids = [pk for pk, _, _ in rows]
        tags.update(
            f"author:{pk}"
            for pk in ArticleAuthor.objects.filter(article_id__in=ids).values_list("author_id", flat=True)
        )
        tags.update(
            f"tag:{slug}"
            for slug in Article.objects.filter(pk__in=ids, tags__isnull=False).values_list("tags__slug", flat=True)
        )
    tags.update(f"author:{pk}" for pk in Author.objects.filter(photo=instance).values_list("pk", flat=True))
    if tags:
        invalidate_on_commit(tags)


def reaction_changed(sender, instance, created=False, **kwargs):
    """Approving or removing a reaction changes its article's page and reaction counts.

    A new reaction that waits for moderation (or is refused) changes no public page.
    """
    if created and instance.state != "approved":
        return
    article = Article.objects.filter(pk=instance.article_id).first()
    if article is not None:
        invalidate_on_commit(article_tags(article))


def live_post_changed(sender, instance, **kwargs):
    """A post added, edited, pinned or deleted: the live's page only (lists show no post)."""
    invalidate_on_commit({f"live:{instance.article_id}"})


def ads_changed(sender, instance, **kwargs):
    """Pages with an ad slot are rebuilt, and expire by the next campaign start or end."""
    invalidate_on_commit({"ads"})
    refresh_schedule()
    transaction.on_commit(refresh_schedule)


def connect():
    from django.apps import apps
    from taggit.models import TaggedItem

    post_save.connect(article_changed, sender=Article, dispatch_uid="cache-article-save")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid="cache-article-delete")
    for model in (ArticleAuthor, Box, UpdateNote):
        post_save.connect(article_part_changed, sender=model, dispatch_uid=f"cache-{model.__name__}-save")
        post_delete.connect(article_part_changed, sender=model, dispatch_uid=f"cache-{model.__name__}-delete")
    for signal in (post_save, post_delete):
        signal.connect(tagged_item_changed, sender=TaggedItem, dispatch_uid=f"cache-taggeditem-{signal is post_save}")
    m2m_changed.connect(related_changed, sender=Article.related.through, dispatch_uid="cache-related")
    post_save.connect(author_changed, sender=Author, dispatch_uid="cache-author")
    post_save.connect(category_changed, sender=Category, dispatch_uid="cache-category")
    post_save.connect(photo_changed, sender=Photo, dispatch_uid="cache-photo")
    pre_delete.connect(photo_changed, sender=Photo, dispatch_uid="cache-photo-delete")  # before SET_NULL
    if apps.is_installed("comments"):
        reaction = apps.get_model("comments", "Reaction")
        post_save.connect(reaction_changed, sender=reaction, dispatch_uid="cache-reaction-save")
        post_delete.connect(reaction_changed, sender=reaction, dispatch_uid="cache-reaction-delete")
    if apps.is_installed("live"):
        post = apps.get_model("live", "LivePost")
        post_save.connect(live_post_changed, sender=post, dispatch_uid="cache-livepost-save")
        post_delete.connect(live_post_changed, sender=post, dispatch_uid="cache-livepost-delete")
    for model in apps.get_app_config("newsroom").get_models():
        post_save.connect(ads_changed, sender=model, dispatch_uid=f"cache-{model.__name__}-save")
        post_delete.connect(ads_changed, sender=model, dispatch_uid=f"cache-{model.__name__}-delete")
