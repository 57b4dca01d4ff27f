from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Site"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import chrome, invalidation
        from .search import register_fold

        invalidation.connect()
        chrome.connect()
        connection_created.connect(register_fold, dispatch_uid="newsroom-sqlite-fold")
