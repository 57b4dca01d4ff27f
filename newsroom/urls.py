from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import health, views

admin.site.site_header = "Newsroom — rédaction"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Tableau de bord"

handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("reactions/", include("comments.urls")),
    path("", include("newsroom.site_urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
