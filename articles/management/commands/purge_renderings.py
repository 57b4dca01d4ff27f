"""Delete the archive articles' rendered parts past their expiry (articles.fragments)."""

from django.core.management.base import BaseCommand

from articles.fragments import purge_expired


class Command(BaseCommand):
    help = "Supprime les rendus d'articles d'archive expirés (ils sont refaits à la lecture suivante)."

    def handle(self, *args, **options):
        count = purge_expired()
        self.stdout.write(f"{count} rendu(s) d'article expiré(s) supprimé(s).")
