"""Make every photo's renditions again: after a change of widths or encoder settings."""

from django.core.management.base import BaseCommand

from articles.models import Photo
from articles.renditions import photo_rebuild_renditions


class Command(BaseCommand):
    help = "Refait les déclinaisons des photos (toutes, ou celles dont on donne l'identifiant)."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="identifiants de photos (toutes par défaut)")

    def handle(self, *args, ids, **options):
        photos = Photo.objects.order_by("pk")
        if ids:
            photos = photos.filter(pk__in=ids)
        done = 0
        for photo in photos.iterator(chunk_size=100):
            photo_rebuild_renditions(photo=photo)
            done += 1
        self.stdout.write(f"{done} photo(s) : déclinaisons refaites.")
