"""Test data, shared by every test folder."""

import importlib
import io

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleAuthor, Author, Box, Category, Photo


def image_bytes(width=1600, height=1000, fmt="JPEG", color=(40, 90, 140)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, fmt)
    return buffer.getvalue()


def image_upload(name="photo.jpg", **kwargs):
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("demo-newsroom")
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(role(name))


def role(name):
    """A group of the data migrations, rebuilt if a transactional test's flush wiped it."""
    group = Group.objects.filter(name=name).first()
    if group is None or not group.permissions.exists():
        restore_roles()
        group = Group.objects.get(name=name)
    return group


def restore_roles():
    """The groups and permissions of the data migrations, from their own lists."""
    ContentType.objects.clear_cache()  # a flush recreates content types with new ids
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    articles_roles = importlib.import_module("articles.migrations.0002_roles")
    comments_roles = importlib.import_module("comments.migrations.0002_moderation_roles")
    front_roles = importlib.import_module("newsroom.migrations.0003_editors_run_the_front_page")
    correction_roles = importlib.import_module("newsroom.migrations.0005_authors_propose_corrections")

    def perms(names):
        found = []
        for name in names:
            app_label, codename = name.split(".")
            found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return found

    moderation = perms(f"comments.{codename}" for _model, codename in comments_roles.PERMS)
    journalists, _ = Group.objects.get_or_create(name=articles_roles.JOURNALISTS)
    journalists.permissions.add(*perms(articles_roles.JOURNALIST_PERMS))
    editors, _ = Group.objects.get_or_create(name=articles_roles.EDITORS)
    editors.permissions.add(*perms(articles_roles.JOURNALIST_PERMS + articles_roles.EDITOR_EXTRA_PERMS), *moderation)
    editors.permissions.add(*perms(f"newsroom.{codename}" for _model, codename in front_roles.PERMS))
    editors.permissions.add(*perms(f"newsroom.{codename}" for codename in correction_roles.EDITOR_PERMS))
    journalists.permissions.add(*perms(f"newsroom.{codename}" for codename in correction_roles.JOURNALIST_PERMS))
    moderators, _ = Group.objects.get_or_create(name=articles_roles.MODERATORS)
    moderators.permissions.add(*moderation)
    api_roles = importlib.import_module("api.migrations.0002_editor_roles")
    editors.permissions.add(*perms(f"api.{codename}" for codename in api_roles.PERMS))
    newsletter_roles = importlib.import_module("newsletter.migrations.0002_editor_roles")
    editors.permissions.add(*perms(f"newsletter.{codename}" for codename in newsletter_roles.PERMS))
    live_roles = importlib.import_module("live.migrations.0002_roles")
    for name in live_roles.GROUPS:
        Group.objects.get(name=name).permissions.add(*perms(f"live.{codename}" for codename in live_roles.PERMS))


def journalist(**kwargs):
    return UserFactory(groups=["Journalistes"], **kwargs)


def editor(**kwargs):
    return UserFactory(groups=["Rédaction en chef"], **kwargs)


def moderator(**kwargs):
    return UserFactory(groups=["Modérateurs"], **kwargs)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug", "parent")

    name = factory.Sequence(lambda n: f"Région {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    parent = None


class SectionFactory(RegionFactory):
    name = factory.Sequence(lambda n: f"Rubrique {n}")
    slug = factory.Sequence(lambda n: f"rubrique-{n}")
    parent = factory.SubFactory(RegionFactory)


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    image = factory.LazyFunction(image_upload)
    caption = "Le pont de la Porte-de-France au lever du jour"
    credit = "D.R."
    alt_text = "Un pont sur l'Isère, la montagne derrière"


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Camille Martin {n}")
    slug = factory.Sequence(lambda n: f"camille-martin-{n}")
    bio = "Journaliste à la rédaction de Grenoble."


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article by default; pass status/publish_at for other states."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Le conseil municipal vote le budget n°{n}")
    slug = factory.Sequence(lambda n: f"le-conseil-municipal-vote-le-budget-{n}")
    standfirst = "Les élus ont adopté le budget primitif après trois heures de débat."
    body = "<p>Le vote a eu lieu mardi soir.</p><p>« Un budget de responsabilité », selon le maire.</p>"
    category = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))
    first_published_at = factory.SelfAttribute("publish_at")

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        for position, author in enumerate(extracted or ()):
            ArticleAuthor.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)


class BoxFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Box

    article = factory.SubFactory(ArticleFactory)
    heading = "Le budget primitif, c'est quoi ?"
    body = "C'est le premier acte budgétaire de l'année."
