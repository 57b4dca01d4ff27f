import time

import pytest
from django.urls import reverse

from articles.models import Article
from comments.forms import make_token
from comments.models import ModerationWord, Reaction
from comments.moderation import reactions_recount
from tests.factories import ArticleFactory


@pytest.fixture(autouse=True)
def _reaction_settings(settings):
    """Known limits whatever the environment says; mail stays in mail.outbox."""
    settings.REACTIONS_RATE_PER_EMAIL = 5
    settings.REACTIONS_RATE_PER_IP = 20
    settings.REACTIONS_QUEUE_ALERT = 0
    settings.REACTIONS_OPEN_DAYS = 30
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast test users


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def no_words(db):
    """Empty word lists, so that a test controls exactly which words exist."""
    ModerationWord.objects.all().delete()


def form_data(article, *, age=10, **overrides):
    """What a browser posts, the form served ``age`` seconds ago."""
    data = {
        "name": "Claire Dubois",
        "email": "claire@example.org",
        "message": "Merci pour cet article très complet sur le budget.",
        "website": "",
        "token": make_token(article.pk, now=time.time() - age),
    }
    data.update(overrides)
    return data


def post_url(article):
    return reverse("comments:post", kwargs={"article_id": article.pk})


def make_reaction(article, *, state=Reaction.State.APPROVED, **fields):
    """A reaction already in ``state``, as if moderated (the article's count follows)."""
    defaults = {"name": "Lecteur", "email": "lecteur@example.org", "message": f"Réaction {time.time_ns()}"}
    defaults.update(fields)
    reaction = Reaction.objects.create(article=article, state=state, **defaults)
    reactions_recount(articles=Article.objects.filter(pk=article.pk))
    article.refresh_from_db(fields=["reactions_count"])
    return reaction
