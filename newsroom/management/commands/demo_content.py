"""``manage.py demo_content [--articles N] [--reactions N]``: the demo site, and bulk content for benchmarks.

The demo itself lives in ``newsroom/demo/`` (texts, painted photos, the idempotent
loader and the bulk generators); this command only parses options and reports.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from common.progress import Progress
from common.site import absolute_url
from newsroom.ads import ensure_demo_campaign
from newsroom.demo import texts
from newsroom.demo.bulk import bulk_articles_create, bulk_reactions_create
from newsroom.demo.site import demo_load

__all__ = ["Command", "bulk_articles_create", "bulk_reactions_create", "demo_load", "ensure_demo_campaign"]


class Command(BaseCommand):
    help = (
        "Charge le contenu de démonstration du Courrier des Alpes (idempotent) et affiche les "
        "comptes. --articles N ajoute N articles en masse pour les mesures de charge."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help="Ajoute N articles supplémentaires, créés en masse (benchmarks).",
        )
        parser.add_argument("--batch-size", type=int, default=2000, help="Taille des lots de --articles.")
        parser.add_argument(
            "--reactions",
            type=int,
            default=0,
            metavar="N",
            help="Ajoute N réactions de lecteurs, créées en masse sur les articles publiés.",
        )

    def handle(self, *args, articles=0, batch_size=2000, reactions=0, **options):
        if articles < 0 or reactions < 0 or batch_size < 1:
            raise CommandError(
                "--articles et --reactions ne peuvent pas être négatifs et --batch-size vaut au moins 1."
            )
        verbosity = options.get("verbosity", 1)
        started = time.monotonic()
        accounts = demo_load(log=self.stdout.write if verbosity else (lambda message: None))
        ensure_demo_campaign()
        if verbosity:
            self.stdout.write(f"Contenu de démonstration prêt en {time.monotonic() - started:.1f} s.")
        if articles:
            bulk_started = time.monotonic()
            with Progress(total=articles, label="Articles", stream=self.stdout) as progress:
                added = bulk_articles_create(
                    articles,
                    batch_size=batch_size,
                    log=self.stdout.write if verbosity > 1 else (lambda m: None),
                    progress=progress if verbosity else None,
                )
            elapsed = time.monotonic() - bulk_started
            self.stdout.write(
                f"{added} articles ajoutés en masse en {elapsed:.1f} s ({added / max(elapsed, 1e-9):.0f} par seconde)."
            )
        if reactions:
            bulk_started = time.monotonic()
            with Progress(total=reactions, label="Réactions", stream=self.stdout) as progress:
                added = bulk_reactions_create(
                    reactions,
                    log=self.stdout.write if verbosity > 1 else (lambda m: None),
                    progress=progress if verbosity else None,
                )
            elapsed = time.monotonic() - bulk_started
            self.stdout.write(
                f"{added} réactions ajoutées en masse en {elapsed:.1f} s ({added / max(elapsed, 1e-9):.0f} par seconde)."
            )
        if verbosity:
            self._print_accounts(accounts)

    def _print_accounts(self, accounts):
        admin_url = absolute_url(reverse("admin:index"))
        self.stdout.write("")
        self.stdout.write(f"Comptes de démonstration, mot de passe « {texts.PASSWORD} » ({admin_url}) :")
        for username, (_user, _created, role) in accounts.items():
            self.stdout.write(f"  {username:<12} {role}")
        self.stdout.write("Un compte qui existait déjà garde son mot de passe.")
