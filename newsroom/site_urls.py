"""Site-wide public URLs: search, feeds, sitemaps, robots.txt."""

app_name = "site"

urlpatterns = []
