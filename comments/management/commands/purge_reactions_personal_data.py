"""GDPR: blank the e-mails and IP hashes of old reactions (the reactions themselves stay)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from comments.moderation import reactions_purge_personal_data
from common.progress import Progress


def positive_days(value):
    try:
        days = int(value)
    except (TypeError, ValueError):
        raise CommandError(f"--older-than attend un nombre de jours entier, pas « {value} ».") from None
    if days < 1:
        raise CommandError("--older-than doit être au moins 1 (jours).")
    return days


class Command(BaseCommand):
    help = "Efface l'e-mail et l'empreinte IP des réactions plus anciennes que N jours."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", required=True, metavar="DAYS", help="âge minimal, en jours")

    def handle(self, *args, **options):
        days = positive_days(options["older_than"])
        with Progress(total=None, label="Réactions anonymisées", stream=self.stdout) as progress:
            count = reactions_purge_personal_data(older_than=timedelta(days=days), progress=progress)
        self.stdout.write(f"{count} réaction(s) anonymisée(s) (plus de {days} jours).")
