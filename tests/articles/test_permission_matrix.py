"""The roles' matrix through the admin's own URLs: no role can do more than its row says.

Generated from ``admin.site._registry``: a model registered tomorrow is checked by
itself, against the default row (journalists and moderators get nothing) until
someone writes its row in ``EXPECTED``. The three roles are the groups of the data
migrations, as the demo accounts get them. Each (case, role) pair is one test that
lists every difference, escalations and lost rights alike.
"""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from comments.models import ModerationWord, Reaction
from live.models import LivePost
from newsroom.models import AdCampaign, AdPlacement, CorrectionProposal
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    SectionFactory,
    UserFactory,
    editor,
    journalist,
    moderator,
)

pytestmark = pytest.mark.django_db

ROLES = {"redaction": editor, "journaliste": journalist, "moderateur": moderator}
ALL = "view add change delete"

# Expected rights: case → role → the rights it has ("view add change delete").
# A case is a registered model (its object: someone else's row) or "model (detail)".
EXPECTED = {
    "auth.Group": {"redaction": "", "journaliste": "", "moderateur": ""},
    "auth.User": {"redaction": "", "journaliste": "", "moderateur": ""},
    "taggit.Tag": {"redaction": "view add change", "journaliste": "view add", "moderateur": ""},
    "newsroom.AdPlacement": {"redaction": "", "journaliste": "", "moderateur": ""},
    "newsroom.AdCampaign": {"redaction": "", "journaliste": "", "moderateur": ""},
    # A colleague's proposed correction: a journalist proposes their own, editors decide.
    "newsroom.CorrectionProposal": {"redaction": "view add change", "journaliste": "view add", "moderateur": ""},
    # A colleague's published article; a journalist reads it, never changes it.
    "articles.Article": {"redaction": ALL, "journaliste": "view add", "moderateur": ""},
    "articles.Article (own draft)": {"redaction": ALL, "journaliste": "view add change", "moderateur": ""},
    "articles.Article (own, submitted)": {"redaction": ALL, "journaliste": "view add", "moderateur": ""},
    # A colleague's photo; a journalist changes only their own photos that no published article uses.
    "articles.Photo": {"redaction": ALL, "journaliste": "view add", "moderateur": ""},
    "articles.Photo (own, unused)": {"redaction": ALL, "journaliste": "view add change", "moderateur": ""},
    "articles.Photo (own, in a published article)": {"redaction": ALL, "journaliste": "view add", "moderateur": ""},
    "articles.Author": {"redaction": "view add change", "journaliste": "view", "moderateur": ""},
    "articles.Category": {"redaction": "view add change", "journaliste": "view", "moderateur": ""},
    "comments.Reaction": {"redaction": "view", "journaliste": "", "moderateur": "view"},
    "comments.ModerationWord": {"redaction": ALL, "journaliste": "", "moderateur": ALL},
    # A colleague's post on a live the user does not sign: editors correct any post;
    # nobody adds (the live's desk does) or deletes (hidden and traced at the desk).
    "live.LivePost": {"redaction": "view change", "journaliste": "view", "moderateur": ""},
    "live.LivePost (own, on their live)": {"redaction": "view change", "journaliste": "view change", "moderateur": ""},
}
# A model without a row: no right at all for journalists and moderators; editors unchecked.
DEFAULT_ROW = {"journaliste": "", "moderateur": ""}


def _reaction():
    return Reaction.objects.create(
        article=ArticleFactory(), name="Lecteur", email="lecteur@example.org", message="Une réaction."
    )


def _campaign():
    placement = AdPlacement.objects.create(slug="matrice", name="Matrice")
    return AdCampaign.objects.create(
        placement=placement,
        name="Campagne",
        advertiser="Annonceur",
        headline="Accroche",
        target_url="https://example.org/",
        ends_at=timezone.now() + timedelta(days=3),
    )


def _own_photo_in_published_article(user):
    photo = PhotoFactory(uploaded_by=user)
    ArticleFactory(lead_photo=photo)
    return photo


def _live_post(writer):
    """A post by ``writer`` on a running live that ``writer`` signs."""
    live = ArticleFactory(live=Article.Live.RUNNING, authors=[AuthorFactory(user=writer)])
    return LivePost.objects.create(article=live, body="<p>Un message.</p>", posted_by=writer)


# case → a function of (the user under test) returning the object the case is about.
MAKERS = {
    "auth.Group": lambda user: Group.objects.get(name="Journalistes"),
    "auth.User": lambda user: UserFactory(),
    "taggit.Tag": lambda user: Tag.objects.create(name="Matrice", slug="matrice"),
    "newsroom.AdPlacement": lambda user: AdPlacement.objects.create(slug="matrice", name="Matrice"),
    "newsroom.AdCampaign": lambda user: _campaign(),
    "newsroom.CorrectionProposal": lambda user: CorrectionProposal.objects.create(
        article=ArticleFactory(), text="Une coquille.", proposed_by=journalist()
    ),
    "articles.Article": lambda user: ArticleFactory(created_by=journalist()),
    "articles.Article (own draft)": lambda user: ArticleFactory(
        status=Article.Status.DRAFT, publish_at=None, first_published_at=None, created_by=user
    ),
    "articles.Article (own, submitted)": lambda user: ArticleFactory(
        status=Article.Status.REVIEW, publish_at=None, first_published_at=None, created_by=user
    ),
    "articles.Photo": lambda user: PhotoFactory(uploaded_by=journalist()),
    "articles.Photo (own, unused)": lambda user: PhotoFactory(uploaded_by=user),
    "articles.Photo (own, in a published article)": _own_photo_in_published_article,
    "articles.Author": lambda user: AuthorFactory(),
    "articles.Category": lambda user: SectionFactory(),
    "comments.Reaction": lambda user: _reaction(),
    "comments.ModerationWord": lambda user: ModerationWord.objects.create(word="matrice", kind="suspect"),
    "live.LivePost": lambda user: _live_post(journalist()),
    "live.LivePost (own, on their live)": lambda user: _live_post(user),
}


def registered_cases():
    """Every registered model, plus the object-level cases written in EXPECTED."""
    labels = {model._meta.label: model for model in admin.site._registry}
    cases = dict.fromkeys(labels)
    cases.update(dict.fromkeys(case for case in EXPECTED if case.split(" ")[0] in labels))
    return [(case, labels[case.split(" ")[0]]) for case in cases]


def matrix_params():
    for case, model in registered_cases():
        for role in ROLES:
            if case not in EXPECTED and role not in DEFAULT_ROW:
                continue
            yield pytest.param(case, model, role, id=f"{case}-{role}")


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def observed_rights(client, model, obj):
    """What the admin's URLs let the logged-in user do, as a set of rights, plus oddities."""
    rights, odd = set(), []
    count = model._default_manager.count()

    def status(response, allowed_codes, right):
        if response.status_code in allowed_codes:
            rights.add(right)
        elif response.status_code != 403:
            odd.append(f"{right}: HTTP {response.status_code}")

    listing = client.get(url(model, "changelist"))
    status(listing, {200}, "view")
    status(client.get(url(model, "add")), {200}, "add")
    added = client.post(url(model, "add"), {})
    if "add" not in rights and added.status_code != 403:
        odd.append(f"add: POST answered {added.status_code}")
    if obj is None:
        return rights, odd
    change_page = client.get(url(model, "change", obj.pk))
    if change_page.status_code == 200:
        rights.add("view")  # a read-only page is a view right
        if change_page.context and change_page.context.get("has_change_permission"):
            rights.add("change")
    elif change_page.status_code not in {302, 403}:
        odd.append(f"change page: HTTP {change_page.status_code}")
    changed = client.post(url(model, "change", obj.pk), {})
    if "change" not in rights and changed.status_code != 403:
        odd.append(f"change: POST answered {changed.status_code}")
    status(client.get(url(model, "delete", obj.pk)), {200}, "delete")
    if "delete" not in rights:
        deleted = client.post(url(model, "delete", obj.pk), {"post": "yes"})
        if deleted.status_code != 403 or not model._default_manager.filter(pk=obj.pk).exists():
            odd.append(f"delete: POST answered {deleted.status_code}")
    if model._default_manager.count() != count:
        odd.append("a refused request changed the table")
    return rights, odd


@pytest.mark.parametrize(("case", "model", "role"), list(matrix_params()))
def test_admin_rights_match_the_matrix(client, case, model, role):
    user = ROLES[role]()
    maker = MAKERS.get(case)
    obj = maker(user) if maker else model._default_manager.first()
    client.force_login(user)
    rights, odd = observed_rights(client, model, obj)
    expected = set(EXPECTED.get(case, DEFAULT_ROW)[role].split())
    assert (sorted(rights), odd) == (sorted(expected), []), f"{case} for {role}: rights differ from the matrix"


def test_every_case_of_the_matrix_is_a_registered_model():
    """A row for a model that left the admin is a row nobody checks any more."""
    labels = {model._meta.label for model in admin.site._registry}
    assert {case.split(" ")[0] for case in EXPECTED} <= labels


# --- Preview URLs and the photo picker -------------------------------------------------------


PREVIEW_EXPECTED = {"redaction": 200, "journaliste": 404, "moderateur": 404}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "unpublished"])
def test_preview_of_a_colleagues_article(client, role, state):
    fields = {
        "draft": {"status": Article.Status.DRAFT, "publish_at": None},
        "review": {"status": Article.Status.REVIEW, "publish_at": None},
        "scheduled": {"status": Article.Status.PUBLISHED, "publish_at": timezone.now() + timedelta(days=1)},
        "unpublished": {"status": Article.Status.UNPUBLISHED},
    }[state]
    article = ArticleFactory(created_by=journalist(), **fields)
    client.force_login(ROLES[role]())
    assert client.get(article.get_absolute_url()).status_code == PREVIEW_EXPECTED[role]


@pytest.mark.parametrize(("role", "status"), [("redaction", 200), ("journaliste", 200), ("moderateur", 403)])
def test_photo_picker_of_the_article_form(client, role, status):
    PhotoFactory(caption="Le lac au petit matin")
    client.force_login(ROLES[role]())
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "lead_photo", "term": "lac"},
    )
    assert response.status_code == status
