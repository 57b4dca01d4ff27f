from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api.tokens import token_create


class Command(BaseCommand):
    help = "Crée un jeton d'API pour un compte de la rédaction et l'affiche (une seule fois)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="À quoi sert le jeton (application mobile, partenaire…).")

    def handle(self, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Aucun compte « {username} ».")
        try:
            _, raw = token_create(user=user, name=name)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from error
        self.stdout.write(raw)
