"""RSS 2.0 and Atom feeds of the latest published articles, site-wide and per category.

A feed is read by machines that keep what they saw: each entry's id is a tag URI
built from the article's primary key, so renaming an article or moving it to
another section never shows it twice in a reader.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape

from articles.models import Article, Category, CategoryRedirect, rendition_storage
from common.site import site_url
from newsroom.templatetags.site import de

FEED_LENGTH = 20


def public_url(path: str) -> str:
    """The address of ``path`` on the public site (``common.site``: SITE_URL when set)."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + path


class _PublicRequest:
    """The few things ``Feed.get_feed`` reads from a request, answered from the public address."""

    def __init__(self, request):
        self.path = request.path
        self._url = urlsplit(site_url())

    def get_host(self):
        return self._url.netloc

    def is_secure(self):
        return self._url.scheme == "https"


@dataclass
class FeedSource:
    """What one request's feed is about; feeds are shared instances, so no state on ``self``."""

    category: Category | None = None


def feed_articles():
    """Published articles with everything an entry shows, in a fixed number of queries."""
    return Article.objects.published().for_entries().order_by("-publish_at", "-pk")


def photo_enclosure(photo):
    """The lead photo as an enclosure: its widest JPEG rendition (never the original).

    RSS requires a length: taken from the rendition's record when it holds one
    (``jpeg_bytes``), else asked of the storage; 0 says "unknown".
    """
    if photo is None:
        return None
    jpegs = [
        (int(width), entry)
        for width, entry in (photo.renditions or {}).items()
        if str(width).isdigit() and isinstance(entry, dict) and entry.get("jpeg")
    ]
    if not jpegs:
        return None
    entry = max(jpegs, key=lambda pair: pair[0])[1]
    name, length, storage = entry["jpeg"], entry.get("jpeg_bytes"), rendition_storage()
    if length is None:
        try:
            length = storage.size(name)
        except (OSError, NotImplementedError):
            length = 0
    return feedgenerator.Enclosure(url=public_url(storage.url(name)), length=str(length), mime_type="image/jpeg")


class LatestArticlesFeed(Feed):
    language = "fr"
    feed_type = feedgenerator.Rss201rev2Feed

    def get_object(self, request, category=None):
        return FeedSource(category=category)

    def get_feed(self, obj, request):
        return super().get_feed(obj, _PublicRequest(request))

    def title(self, source):
        if source.category:
            return f"{settings.SITE_NAME} — {source.category.full_name}"
        return settings.SITE_NAME

    def subtitle(self, source):
        return self.description(source)

    def description(self, source):
        if source.category:
            return f"Les derniers articles de la rubrique {source.category.full_name}."
        return f"Les derniers articles {de(settings.SITE_NAME)}."

    def link(self, source):
        return source.category.get_absolute_url() if source.category else reverse("home")

    def author_name(self, source):
        return settings.SITE_NAME

    def items(self, source):
        articles = feed_articles()
        if source.category:
            articles = articles.in_category(source.category)
        articles = list(articles[:FEED_LENGTH])
        for article in articles:
            article.feed_enclosure = photo_enclosure(article.lead_photo)
        return articles

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        """Feed readers take descriptions as HTML; the standfirst is plain text."""
        return escape(article.standfirst)

    def item_guid(self, article):
        host = urlsplit(site_url()).hostname or "localhost"
        return f"tag:{host},2026:article-{article.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, article):
        names = [byline.author.name for byline in article.article_authors.all()]
        return ", ".join(names) or None

    def item_categories(self, article):
        category = article.category
        names = [category.parent.name, category.name] if category.parent_id else [category.name]
        return names + [tag.name for tag in article.tags.all()]

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return max(article.updated_at, article.publish_at)

    def item_enclosures(self, article):
        return [article.feed_enclosure] if article.feed_enclosure else []


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = feedgenerator.Atom1Feed


class CategoryFeedMixin:
    """A region's feed holds its sections' articles; an old path redirects to the new one."""

    url_name = None

    def __call__(self, request, category_path):
        category = Category.objects.select_related("parent").filter(path=category_path).first()
        if category is None:
            old = CategoryRedirect.objects.select_related("category").filter(old_path=category_path).first()
            if old is None:
                raise Http404("Rubrique inconnue.")
            return redirect(self.url_name, category_path=old.category.path, permanent=True)
        return super().__call__(request, category=category)


class CategoryFeed(CategoryFeedMixin, LatestArticlesFeed):
    url_name = "site:category-rss"


class CategoryAtomFeed(CategoryFeedMixin, LatestArticlesAtomFeed):
    url_name = "site:category-atom"
