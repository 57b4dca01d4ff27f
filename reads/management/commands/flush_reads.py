"""Write the reads buffered in Redis to the database; purge expired dedupe marks.

Run it every minute (cron or a systemd timer, see bench/reads/README.md): the
figure on the pages lags by at most that interval, and "Les plus lus" reads the
database. Safe to run while traffic flows, twice at once, or again after a crash:
each batch is written once (reads.services.flush_buffer).
"""

from django.core.management.base import BaseCommand, CommandError

from common.progress import Progress
from reads import buffer
from reads import services as reads


class Command(BaseCommand):
    help = "Écrit en base les lectures en attente dans Redis et purge les marques de lecteurs expirées."

    def handle(self, *args, **options):
        if buffer.redis_client() is None:
            purged = reads.purge_marks()
            self.stdout.write(
                f"Lectures non mises en tampon (pas de Redis) : rien à écrire ; {purged} marque(s) expirée(s) purgée(s)."
            )
            return
        try:
            with Progress(total=None, label="Lots de lectures écrits", stream=self.stdout) as progress:
                result = reads.flush_buffer(progress=progress)
        except buffer.redis_errors() as error:
            # The marks live in the database whatever Redis does: purge them anyway.
            purged = reads.purge_marks()
            raise CommandError(
                f"Redis injoignable ({error}) : lectures laissées en attente dans Redis, "
                f"{purged} marque(s) expirée(s) purgée(s)."
            ) from error
        result.purged_marks = reads.purge_marks()
        reads.purge_flushed_batches()
        self.stdout.write(
            f"{result.reads} lecture(s) écrite(s) en {result.batches} lot(s)"
            f"{f', {result.skipped} lot(s) déjà écrit(s) ignoré(s)' if result.skipped else ''} ; "
            f"{result.purged_marks} marque(s) expirée(s) purgée(s)."
        )
