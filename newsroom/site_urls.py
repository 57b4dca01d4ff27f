"""Site-wide public URLs: search, feeds, sitemaps, robots.txt.

Included at "" in newsroom/urls.py before the articles' catch-all patterns.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, search_views, views
from .cache import with_cache_tags
from .sitemaps import SITEMAPS, robots_txt, sitemap_index

app_name = "site"

# Any change to a public article bumps these (newsroom.invalidation).
FEED_TAGS = {"feeds"}
SITEMAP_TAGS = {"sitemaps"}

urlpatterns = [
    path("recherche/", search_views.search, name="search"),
    path("pages/<slug:slug>/", views.site_page, name="page"),
    path("flux/rss/", with_cache_tags(feeds.LatestArticlesFeed(), FEED_TAGS), name="rss"),
    path("flux/atom/", with_cache_tags(feeds.LatestArticlesAtomFeed(), FEED_TAGS), name="atom"),
    path("flux/<path:category_path>/rss/", with_cache_tags(feeds.CategoryFeed(), FEED_TAGS), name="category-rss"),
    path(
        "flux/<path:category_path>/atom/",
        with_cache_tags(feeds.CategoryAtomFeed(), FEED_TAGS),
        name="category-atom",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", with_cache_tags(sitemap_index, SITEMAP_TAGS), name="sitemap"),
    # Listed in the index as the "news" section; served with the Google News tags.
    path(
        "sitemap-news.xml",
        with_cache_tags(sitemap_views.sitemap, SITEMAP_TAGS),
        {"sitemaps": SITEMAPS, "section": "news", "template_name": "sitemaps/news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<slug:section>.xml",
        with_cache_tags(sitemap_views.sitemap, SITEMAP_TAGS),
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap-section",
    ),
]
