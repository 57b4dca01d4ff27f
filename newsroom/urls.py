from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from api.api import api
from articles.admin_picker import photo_picker

from . import health, views

admin.site.site_header = "Newsroom — rédaction"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Tableau de bord"

# French pages without a database query (newsroom/errors.py).
handler400 = "newsroom.errors.bad_request"
handler403 = "newsroom.errors.permission_denied"
handler404 = "newsroom.errors.page_not_found"
handler500 = "newsroom.errors.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", health.healthz, name="healthz"),
    # Before the admin's own URLs: its catch-all would answer first.
    path("admin/phototheque/choisir/", photo_picker, name="photo-picker"),
    # The editor's dialogs ("Edit Link", "Insert Table"…) in French: its own catalogue.
    path("admin/jsi18n-editeur/", JavaScriptCatalog.as_view(packages=["django_prose_editor"]), name="editor-jsi18n"),
    path("admin/", admin.site.urls),
    path("reactions/", include("comments.urls")),
    path("api/v1/", api.urls),
    path("newsletter/", include("newsletter.urls")),
    path("direct/", include("live.urls")),
    path("", include("newsroom.site_urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, view=views.debug_media) + urlpatterns
