"""Who may do what: the roles' matrix, through the admin's HTTP requests and the services."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.articles.test_admin import change_url, changelist_url, form_data, run_action
from tests.factories import ArticleFactory, AuthorFactory, UserFactory, editor, journalist, moderator

pytestmark = pytest.mark.django_db

Status = Article.Status
ROLES = {"journalist": journalist, "editor": editor, "moderator": moderator}


def draft(**kwargs):
    return ArticleFactory(status=Status.DRAFT, publish_at=None, first_published_at=None, **kwargs)


def review(**kwargs):
    return ArticleFactory(status=Status.REVIEW, publish_at=None, first_published_at=None, **kwargs)


def post_button(client, article, button, **changes):
    """Open the change form as the user, change fields, click a button."""
    response = client.get(change_url(article))
    if response.status_code != 200:
        return response
    data = form_data(response)
    data.update({name: [value] for name, value in changes.items()})
    data[button] = ["x"]
    return client.post(change_url(article), data)


def editable_post(client, article, button="_save", **changes):
    """POST the form as an editor saw it: what a tampering user would send."""
    editor_client = type(client)()
    editor_client.force_login(editor())
    data = form_data(editor_client.get(change_url(article)))
    data.update({name: [value] for name, value in changes.items()})
    data[button] = ["x"]
    return client.post(change_url(article), data)


# --- Access to the article admin --------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("journalist", 200), ("editor", 200), ("moderator", 403)])
def test_changelist_access(client, role, status):
    ArticleFactory()
    client.force_login(ROLES[role]())
    assert client.get(changelist_url()).status_code == status
    assert client.get(reverse("admin:articles_article_add")).status_code == status


def test_moderator_has_no_article_page_at_all(client):
    article = ArticleFactory()
    client.force_login(moderator())
    assert client.get(change_url(article)).status_code == 403
    assert client.get(reverse("admin:articles_article_history", args=[article.pk])).status_code == 403
    assert client.post(change_url(article), {"title": "x"}).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:articles_article_changelist") not in index


@pytest.mark.parametrize(
    ("role", "actions"),
    [
        ("journalist", {"submit_selected"}),
        (
            "editor",
            {
                "delete_selected",
                "publish_selected",
                "schedule_selected",
                "unpublish_selected",
                "submit_selected",
                "return_selected",
            },
        ),
    ],
)
def test_actions_offered_per_role(client, role, actions):
    ArticleFactory()
    client.force_login(ROLES[role]())
    response = client.get(changelist_url())
    offered = {value for value, _label in response.context["action_form"].fields["action"].choices if value}
    assert offered == actions


# --- Publish ----------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("journalist", 403), ("moderator", 403)])
def test_only_editors_publish_with_the_button(client, role, status):
    user = ROLES[role]()
    article = review(created_by=user)
    client.force_login(user)
    # the journalist cannot see the button, so they forge the POST
    response = editable_post(client, article, "_workflow_publish", title="Titre modifié")
    assert response.status_code == status
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert article.title != "Titre modifié"


def test_journalist_publish_button_on_own_draft_is_403_and_stores_nothing(client):
    user = journalist()
    article = draft(created_by=user)
    client.force_login(user)
    for button in ("_workflow_publish", "_workflow_schedule", "_workflow_unpublish", "_workflow_return_to_draft"):
        response = post_button(client, article, button, title="Titre à ne pas garder")
        assert response.status_code == 403, button
        article.refresh_from_db()
        assert (article.status, article.title) != (Status.PUBLISHED, "Titre à ne pas garder")
        assert article.title != "Titre à ne pas garder"
        assert article.status == Status.DRAFT


def test_journalist_creating_with_publish_button_gets_403_and_nothing_is_stored(client):
    from tests.articles.test_admin import add_url, new_article_data

    client.force_login(journalist())
    response = client.post(add_url(), new_article_data(client, _workflow_publish=["Publier maintenant"]))
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_editor_publishes_anyones_article(client):
    article = review(created_by=journalist())
    client.force_login(editor())
    assert post_button(client, article, "_workflow_publish").status_code == 302
    article.refresh_from_db()
    assert article.is_public


def test_journalist_forging_a_publish_action_changes_nothing(client):
    user = journalist()
    article = draft(created_by=user)
    client.force_login(user)
    response = run_action(client, "publish_selected", [article])
    assert response.status_code == 200  # Django's "no action selected" page
    article.refresh_from_db()
    assert article.status == Status.DRAFT


# --- Edit own draft / others' articles --------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "saved"), [("journalist", 302, True), ("editor", 302, True), ("moderator", 403, False)]
)
def test_edit_own_draft(client, role, status, saved):
    user = ROLES[role]()
    article = draft(created_by=user)
    client.force_login(user)
    response = editable_post(client, article, title="Nouveau titre")
    assert response.status_code == status
    article.refresh_from_db()
    assert (article.title == "Nouveau titre") is saved


def test_journalist_edits_a_draft_signed_with_their_author_profile(client):
    user = journalist()
    article = draft(created_by=journalist(), authors=[AuthorFactory(user=user)])
    client.force_login(user)
    assert editable_post(client, article, title="Cosigné").status_code == 302
    article.refresh_from_db()
    assert article.title == "Cosigné"


@pytest.mark.parametrize("make", [draft, review, ArticleFactory], ids=["draft", "review", "published"])
def test_journalist_cannot_edit_others_articles(client, make):
    article = make(created_by=journalist())
    client.force_login(journalist())
    response = client.get(change_url(article))
    # read-only: no form field, no save or workflow button
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert response.context["workflow_buttons"] == []
    assert 'name="_save"' not in response.content.decode()
    assert 'name="title"' not in response.content.decode()
    for button in ("_save", "_workflow_submit", "_workflow_publish"):
        assert editable_post(client, article, button, title="Piraté").status_code == 403
    article.refresh_from_db()
    assert article.title != "Piraté"


def test_journalist_cannot_edit_own_article_once_submitted_or_published(client):
    user = journalist()
    for article in (review(created_by=user), ArticleFactory(created_by=user)):
        client.force_login(user)
        assert editable_post(client, article, title="Modifié après coup").status_code == 403
        article.refresh_from_db()
        assert article.title != "Modifié après coup"


def test_journalist_cannot_change_inline_rows_of_others_articles(client):
    article = draft(created_by=journalist())
    client.force_login(journalist())
    response = client.get(change_url(article))
    for formset in response.context["inline_admin_formsets"]:
        assert not formset.has_add_permission
        assert not formset.has_change_permission
        assert not formset.has_delete_permission


def test_editor_edits_others_articles_in_any_state(client):
    client.force_login(editor())
    for article in (draft(created_by=journalist()), review(), ArticleFactory()):
        assert editable_post(client, article, title=f"Relu {article.pk}").status_code == 302
        article.refresh_from_db()
        assert article.title == f"Relu {article.pk}"


def test_only_editors_delete(client):
    user = journalist()
    article = draft(created_by=user)
    client.force_login(user)
    assert client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()
    client.force_login(editor())
    assert client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


# --- Submit -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "submitted"), [("journalist", 302, True), ("editor", 302, True), ("moderator", 403, False)]
)
def test_submit_own_draft(client, role, status, submitted):
    user = ROLES[role]()
    article = draft(created_by=user)
    client.force_login(user)
    response = editable_post(client, article, "_workflow_submit")
    assert response.status_code == status
    article.refresh_from_db()
    assert (article.status == Status.REVIEW) is submitted


def test_journalist_submit_action_on_a_colleagues_draft_is_403_and_changes_nothing(client):
    user = journalist()
    own = draft(created_by=user)
    other = draft(created_by=journalist())
    client.force_login(user)
    response = client.post(
        changelist_url(), {"action": "submit_selected", "_selected_action": [own.pk, other.pk], "index": "0"}
    )
    assert response.status_code == 403
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == (Status.DRAFT, Status.DRAFT)


# --- The same matrix through the services -----------------------------------------------


@pytest.mark.parametrize(("role", "can"), [("journalist", False), ("editor", True), ("moderator", False)])
def test_services_publish_rights(role, can):
    user = ROLES[role]()
    article = review(created_by=user)
    assert services.user_can_publish(user) is can
    if can:
        services.article_publish(article=article, user=user)
        assert Article.objects.get(pk=article.pk).is_public
    else:
        for call in (
            lambda: services.article_publish(article=article, user=user),
            lambda: services.article_return_to_draft(article=article, user=user),
        ):
            with pytest.raises(PermissionDenied):
                call()
        assert Article.objects.get(pk=article.pk).status == Status.REVIEW


def test_services_unpublish_is_for_editors_only():
    article = ArticleFactory()
    with pytest.raises(PermissionDenied):
        services.article_unpublish(article=article, user=journalist())
    services.article_unpublish(article=article, user=editor())
    assert Article.objects.get(pk=article.pk).status == Status.UNPUBLISHED


@pytest.mark.parametrize(
    ("role", "own_draft", "others_draft", "own_review"),
    [("journalist", True, False, False), ("editor", True, True, True), ("moderator", False, False, False)],
)
def test_services_edit_rights(role, own_draft, others_draft, own_review):
    user = ROLES[role]()
    assert services.user_can_edit(user, draft(created_by=user)) is own_draft
    assert services.user_can_edit(user, draft(created_by=journalist())) is others_draft
    assert services.user_can_edit(user, review(created_by=user)) is own_review


@pytest.mark.parametrize(("role", "allowed"), [("journalist", True), ("editor", True), ("moderator", False)])
def test_services_submit_rights(role, allowed):
    user = ROLES[role]()
    article = draft(created_by=user)
    if allowed:
        services.article_submit(article=article, user=user)
        assert Article.objects.get(pk=article.pk).status == Status.REVIEW
    else:
        with pytest.raises(PermissionDenied):
            services.article_submit(article=article, user=user)


def test_services_journalist_cannot_submit_a_colleagues_draft():
    article = draft(created_by=journalist())
    with pytest.raises(PermissionDenied):
        services.article_submit(article=article, user=journalist())


def test_inactive_editor_can_do_nothing():
    user = editor(is_active=False)
    assert not services.user_can_publish(user)
    assert not services.user_can_edit(user, draft())


# --- Preview of an article that is not public yet -----------------------------------------


def preview_cases():
    """(role, state, expected status) for the article's public URL."""
    may = {"editor": True, "superuser": True, "author": True, "colleague": False, "moderator": False}
    for state in ("draft", "review", "scheduled", "unpublished"):
        for role, allowed in may.items():
            yield role, state, 200 if allowed else 404


@pytest.mark.parametrize(("role", "state", "status"), list(preview_cases()))
def test_preview_only_for_who_may_edit_or_publish_the_article(client, role, state, status):
    author = journalist()
    fields = {
        "draft": {"status": Status.DRAFT, "publish_at": None},
        "review": {"status": Status.REVIEW, "publish_at": None},
        "scheduled": {"status": Status.PUBLISHED, "publish_at": timezone.now() + timedelta(days=1)},
        "unpublished": {"status": Status.UNPUBLISHED},
    }[state]
    article = ArticleFactory(title="Un texte pas encore public", created_by=author, **fields)
    users = {
        "editor": editor,
        "superuser": lambda: UserFactory(is_superuser=True),
        "author": lambda: author,
        "colleague": journalist,
        "moderator": moderator,
    }
    client.force_login(users[role]())
    response = client.get(article.get_absolute_url())
    assert response.status_code == status
    assert ("Un texte pas encore public" in response.content.decode()) is (status == 200)


def test_a_renamed_draft_old_address_does_not_lead_a_moderator_to_it(client):
    article = draft(slug="premier-titre")
    old_url = article.get_absolute_url()
    article.slug = "titre-definitif"
    article.save()
    client.force_login(moderator())
    assert client.get(old_url).status_code == 404
    client.force_login(editor())
    assert client.get(old_url)["Location"] == article.get_absolute_url()


def test_preview_link_only_for_who_may_preview(client):
    article = draft(created_by=journalist())
    client.force_login(journalist())  # a colleague: read-only page, no preview link
    html = client.get(change_url(article)).content.decode()
    assert article.get_absolute_url() not in html
