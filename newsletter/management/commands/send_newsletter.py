from django.core.management.base import BaseCommand

from newsletter.sending import newsletter_queue


class Command(BaseCommand):
    help = (
        "Met en file la lettre du jour de chaque abonné confirmé (par lots de tâches). "
        "Sans effet pour un abonné déjà servi aujourd'hui : la commande peut tourner plusieurs fois."
    )

    def handle(self, **options):
        queued = newsletter_queue()
        self.stdout.write(f"{queued} lettre(s) en file.")
