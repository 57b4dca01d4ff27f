"""sitemap.xml and robots.txt: an index of the articles (paginated), the sections, and the Google News sitemap.

Every page of every section costs a fixed number of queries: the index asks each
section for its latest ``lastmod`` with one aggregate instead of loading its items,
which Django's default ``get_latest_lastmod`` would do.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.db.models import Max, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category
from common.site import site_url

from .feeds import public_url

NEWS_WINDOW = timedelta(hours=48)
NEWS_MAX_URLS = 1000  # Google News reads at most 1000 URLs per sitemap


class PublicSitemap(Sitemap):
    """URLs on the public address (``common.site``: SITE_URL when set, else the checked request host)."""

    def get_protocol(self, protocol=None):
        return urlsplit(site_url()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_url()).netloc


class ArticleSitemap(PublicSitemap):
    """Oldest first by id, so that a page keeps its articles as new ones are published."""

    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .select_related("category")
            .only("slug", "updated_at", "publish_at", "category__path")
            .order_by("pk")
        )

    def lastmod(self, article):
        return max(article.updated_at, article.publish_at).replace(microsecond=0)

    def get_latest_lastmod(self):
        latest = Article.objects.published().aggregate(updated=Max("updated_at"), published=Max("publish_at"))
        return max(filter(None, latest.values()), default=None)


class NewsSitemap(ArticleSitemap):
    """Articles published in the last 48 hours, newest first, with Google News tags."""

    limit = NEWS_MAX_URLS

    def since(self):
        return timezone.now() - NEWS_WINDOW

    def items(self):
        return (
            Article.objects.published()
            .filter(publish_at__gte=self.since())
            .select_related("category")
            .only("title", "slug", "updated_at", "publish_at", "category__path")
            .order_by("-publish_at", "-pk")[:NEWS_MAX_URLS]
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["publication_date"] = url["item"].publish_at.replace(microsecond=0)
        return urls

    def get_latest_lastmod(self):
        recent = Article.objects.published().filter(publish_at__gte=self.since())
        latest = recent.aggregate(updated=Max("updated_at"), published=Max("publish_at"))
        return max(filter(None, latest.values()), default=None)


class CategorySitemap(PublicSitemap):
    """Regions and sections that have published articles, dated by their latest one."""

    def items(self):
        if getattr(self, "_categories", None) is None:
            self._categories = self._load()
        return self._categories

    def _load(self):
        now = timezone.now()
        public = Q(articles__status=Article.Status.PUBLISHED, articles__publish_at__lte=now)
        categories = list(
            Category.objects.annotate(
                latest_update=Max("articles__updated_at", filter=public),
                latest_publication=Max("articles__publish_at", filter=public),
            ).order_by("path")
        )
        for category in categories:
            dates = (category.latest_update, category.latest_publication)
            category.sitemap_lastmod = max(filter(None, dates), default=None)
        # A region's page lists its sections' articles.
        regions = {category.pk: category for category in categories if category.parent_id is None}
        for category in categories:
            region = regions.get(category.parent_id)
            if region and category.sitemap_lastmod:
                region.sitemap_lastmod = max(filter(None, (region.sitemap_lastmod, category.sitemap_lastmod)))
        return [category for category in categories if category.sitemap_lastmod]

    def location(self, category):
        return category.get_absolute_url()

    def lastmod(self, category):
        return category.sitemap_lastmod.replace(microsecond=0)

    def get_latest_lastmod(self):
        return max((category.sitemap_lastmod for category in self.items()), default=None)


SITEMAPS = {
    "articles": ArticleSitemap,
    "rubriques": CategorySitemap,
    "news": NewsSitemap,
}


@x_robots_tag
def sitemap_index(request):
    """The index of every section's pages, like Django's but on the public address."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        paginator = sitemap.paginator  # a new Paginator (and COUNT) at each access
        if not paginator.count:
            continue  # an empty <urlset> is not a valid sitemap
        location = public_url(reverse("site:sitemap-section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        lastmod = lastmod.replace(microsecond=0) if lastmod else None
        for page in range(1, paginator.num_pages + 1):
            entries.append({"location": location if page == 1 else f"{location}?p={page}", "lastmod": lastmod})
    return render(request, "sitemaps/index.xml", {"entries": entries}, content_type="application/xml")


def robots_txt(request):
    """Crawlers: everything but the admin and the search results; here are the sitemaps."""
    context = {
        "sitemap_url": public_url(reverse("site:sitemap")),
        "news_sitemap_url": public_url(reverse("site:sitemap-news")),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
