"""The journalists' admin, driven through real HTTP requests as a browser would."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from articles import admin as articles_admin
from articles.models import Article, ArticleAuthor, Photo
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BoxFactory,
    PhotoFactory,
    SectionFactory,
    editor,
    image_bytes,
    image_upload,
    journalist,
    moderator,
)

pytestmark = pytest.mark.django_db

Status = Article.Status


# --- Helpers shared by the admin tests --------------------------------------------------


class _FormReader(HTMLParser):
    """Collects what a browser would submit from one <form> (no button, no file)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.pairs = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.pairs.append((name, attrs.get("value") or "on"))
                return
            self.pairs.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = [name, ""]
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "first": None, "chosen": []}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.pairs.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select = self._select
            chosen = select["chosen"] or ([] if select["multiple"] or select["first"] is None else [select["first"]])
            self.pairs.extend((select["name"], value) for value in chosen)
            self._select = None


def form_data(response, form_id="article_form"):
    """The fields of the admin form of ``response``, as a dict of lists, ready to POST."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data = {}
    for name, value in reader.pairs:
        data.setdefault(name, []).append(value)
    return data


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def add_url():
    return reverse("admin:articles_article_add")


def changelist_url():
    return reverse("admin:articles_article_changelist")


def local_date_time(value):
    local = timezone.localtime(value)
    return local.strftime("%d/%m/%Y"), local.strftime("%H:%M:%S")


def new_article_data(client, **overrides):
    """What a journalist types in the add form: a title, a slug, a section, a text."""
    data = form_data(client.get(add_url()))
    data.update(
        {
            "title": ["Le tramway arrive à Voiron"],
            "slug": ["le-tramway-arrive-a-voiron"],
            "category": [str(SectionFactory().pk)],
            "body": ["<p>Les travaux commencent en mars.</p>"],
        }
    )
    data.update(overrides)
    return data


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


# --- Changelist -------------------------------------------------------------------------


def test_changelist_shows_section_byline_status_and_reads(client):
    first, second = AuthorFactory(name="Léa Roux"), AuthorFactory(name="Marc Blanc")
    article = ArticleFactory(title="La crue de l'Isère", authors=[second, first], tags=["Isère", "crue"])
    Article.count_reads(article.pk, 1307)
    client.force_login(editor())
    response = client.get(changelist_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "La crue de l&#x27;Isère" in html
    assert article.category.full_name in html
    assert "Marc Blanc, Léa Roux" in html  # the byline keeps its order
    assert "Isère, crue" in html
    assert "Publié" in html
    assert "1307" in html


def test_changelist_says_programme_for_a_scheduled_article_and_filters_it(client):
    scheduled = ArticleFactory(title="Sort demain", publish_at=timezone.now() + timedelta(days=1))
    online = ArticleFactory(title="En ligne depuis hier")
    draft = ArticleFactory(title="Encore au brouillon", status=Status.DRAFT, publish_at=None)
    client.force_login(editor())
    response = client.get(changelist_url())
    rows = {row.title: row for row in response.context["cl"].result_list}
    model_admin = response.context["cl"].model_admin
    assert model_admin.status_column(rows["Sort demain"]) == "Programmé"
    assert model_admin.status_column(rows["En ligne depuis hier"]) == "Publié"
    assert "Programmé" in response.content.decode()
    listed = {
        value: {a.title for a in client.get(changelist_url(), {"status": value}).context["cl"].result_list}
        for value in ("scheduled", "published", "draft")
    }
    assert listed == {
        "scheduled": {scheduled.title},
        "published": {online.title},
        "draft": {draft.title},
    }


def test_change_form_of_a_scheduled_article_says_programme(client):
    article = ArticleFactory(publish_at=timezone.now() + timedelta(days=1))
    client.force_login(editor())
    html = client.get(change_url(article)).content.decode()
    assert re.search(r'<div class="readonly">Programmé</div>', html)


def test_changelist_sorts_by_reads(client):
    low = ArticleFactory(title="Peu lu")
    high = ArticleFactory(title="Très lu")
    Article.count_reads(low.pk, 3)
    Article.count_reads(high.pk, 300)
    client.force_login(editor())
    column = articles_admin.ArticleAdmin.list_display.index("reads_column")
    response = client.get(changelist_url(), {"o": f"-{column}"})
    results = list(response.context["cl"].result_list)
    assert results[:2] == [high, low]


def _changelist_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(changelist_url())
    assert response.status_code == 200
    return len(queries)


def _make_articles(count, authors, section):
    for index in range(count):
        ArticleFactory(
            category=section,
            authors=[authors[index % len(authors)], authors[(index + 1) % len(authors)]],
            tags=["municipales", f"quartier-{index}"],
        )


CHANGELIST_MAX_QUERIES = 16


def test_changelist_query_count_is_fixed_and_independent_of_the_number_of_articles(
    client, django_assert_max_num_queries
):
    """50 articles with two authors and tags each: the same queries as 5."""
    authors = [AuthorFactory() for _ in range(4)]
    section = SectionFactory()
    client.force_login(editor())
    _make_articles(5, authors, section)
    client.get(changelist_url())  # warm the session and content types
    with_five = _changelist_queries(client)
    _make_articles(45, authors, SectionFactory())
    with django_assert_max_num_queries(CHANGELIST_MAX_QUERIES):
        response = client.get(changelist_url())
    assert len(response.context["cl"].result_list) == 50
    assert _changelist_queries(client) == with_five


def test_category_filter_lists_the_tree_by_full_name(client):
    section = SectionFactory(name="Actualités", parent__name="Isère")
    ArticleFactory(category=section)
    client.force_login(editor())
    response = client.get(changelist_url())
    assert "Isère / Actualités" in response.content.decode()
    filtered = client.get(changelist_url(), {"category__id__exact": section.pk})
    assert filtered.context["cl"].result_count == 1


def test_tag_filter_lists_only_used_tags(client):
    ArticleFactory(tags=["Grenoble"])
    Tag.objects.create(name="jamais utilisé", slug="jamais-utilise")
    client.force_login(editor())
    html = client.get(changelist_url()).content.decode()
    assert "Grenoble" in html
    assert "jamais utilisé" not in html


def test_search_finds_by_title_and_author_name(client):
    ArticleFactory(title="Le marché de Noël ouvre", authors=[AuthorFactory(name="Inès Garnier")])
    ArticleFactory(title="Autre sujet")
    client.force_login(editor())
    assert client.get(changelist_url(), {"q": "Noël"}).context["cl"].result_count == 1
    assert client.get(changelist_url(), {"q": "Garnier"}).context["cl"].result_count == 1


# --- Change form ------------------------------------------------------------------------


def test_journalist_new_article_gets_created_by_and_their_byline(client):
    user = journalist()
    author = AuthorFactory(user=user, name="Chloé Perrin")
    client.force_login(user)
    response = client.post(add_url(), new_article_data(client))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="le-tramway-arrive-a-voiron")
    assert article.created_by == user
    assert article.status == Status.DRAFT
    assert list(article.authors.all()) == [author]
    # and the journalist may go on editing it
    assert client.get(change_url(article)).context["has_change_permission"] is True


def test_journalist_cannot_publish_by_posting_status(client):
    user = journalist()
    client.force_login(user)
    future = timezone.now() - timedelta(days=1)
    date, time = local_date_time(future)
    data = new_article_data(client, status=["published"], publish_at_0=[date], publish_at_1=[time])
    assert client.post(add_url(), data).status_code == 302
    article = Article.objects.get(slug="le-tramway-arrive-a-voiron")
    assert article.status == Status.DRAFT
    assert article.publish_at is None

    data = form_data(client.get(change_url(article)))
    data["status"] = ["published"]
    data["first_published_at"] = ["01/01/2020"]
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.first_published_at is None
    assert not Article.objects.published().exists()


def test_status_is_read_only_for_editors_too(client):
    article = ArticleFactory(status=Status.DRAFT, publish_at=None, first_published_at=None)
    client.force_login(editor())
    response = client.get(change_url(article))
    assert "status" not in response.context["adminform"].form.fields
    data = form_data(response)
    data["status"] = ["published"]
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_change_form_has_inlines_autocompletes_and_prepopulated_slug(client):
    article = ArticleFactory()
    client.force_login(editor())
    response = client.get(change_url(article))
    html = response.content.decode()
    inline_models = {formset.opts.model.__name__ for formset in response.context["inline_admin_formsets"]}
    assert inline_models == {"ArticleAuthor", "Box", "UpdateNote"}
    for name in ("lead_photo", "related"):
        assert re.search(rf'<select name="{name}"[^>]*admin-autocomplete', html), name
    assert re.search(r'<select name="article_authors-__prefix__-author"[^>]*admin-autocomplete', html)
    assert "&quot;dependency_ids&quot;: [&quot;#id_title&quot;]" in html


def test_editor_assets_are_served_from_static_files_with_a_csp_nonce(client):
    client.force_login(journalist())
    response = client.get(add_url())
    html = response.content.decode()
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(url.startswith("/static/django_prose_editor/") for url in assets)
    assert all(not re.match(r"^(https?:)?//", url) for url in assets), assets
    importmap = re.search(r'<script type="importmap"[^>]*nonce="([^"]+)"', html)
    assert importmap, "the editor's import map must carry the CSP nonce"
    assert f"'nonce-{importmap.group(1)}'" in response["Content-Security-Policy"]


def test_tags_are_chosen_by_autocomplete_and_new_ones_created(client):
    Tag.objects.create(name="Grenoble", slug="grenoble")
    user = journalist()
    client.force_login(user)
    answer = client.get(reverse("admin:articles_article_tag_autocomplete"), {"term": "gren"}).json()
    assert answer["results"] == [{"id": "Grenoble", "text": "Grenoble"}]
    Tag.objects.create(name="Isère", slug="isere")
    data = new_article_data(
        client, tags=["Grenoble", ""], new_tags=["Tramway,  tramway , isère, grenoble, Voiron centre"]
    )
    assert client.post(add_url(), data).status_code == 302
    article = Article.objects.get(slug="le-tramway-arrive-a-voiron")
    assert sorted(article.tags.names()) == ["Grenoble", "Isère", "Tramway", "Voiron centre"]
    assert Tag.objects.count() == 4  # "isère" reused "Isère" instead of making a twin
    html = client.get(change_url(article)).content.decode()
    assert re.search(r'<select name="tags"[^>]*admin-autocomplete', html)
    assert '<option value="Tramway" selected>Tramway</option>' in html
    # removing a tag from the selection removes it from the article
    data = form_data(client.get(change_url(article)))
    data["tags"] = ["Grenoble"]
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(article.tags.names()) == ["Grenoble"]


def test_tag_autocomplete_is_for_newsroom_staff_only(client):
    url = reverse("admin:articles_article_tag_autocomplete")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(moderator())
    assert client.get(url).status_code == 403


def test_too_long_tag_is_refused_in_french_and_nothing_is_stored(client):
    client.force_login(journalist())
    data = new_article_data(client, new_tags=["court, " + "x" * 120])
    response = client.post(add_url(), data)
    assert response.status_code == 200
    assert "Mot-clé trop long (100 caractères au maximum)" in response.content.decode()
    assert not Article.objects.exists()


def test_view_on_site_for_public_and_preview_for_draft(client):
    public = ArticleFactory()
    draft = ArticleFactory(status=Status.DRAFT, publish_at=None, first_published_at=None)
    client.force_login(editor())
    html = client.get(change_url(public)).content.decode()
    assert f'href="{public.get_absolute_url()}" class="viewsitelink">Voir sur le site' in html
    html = client.get(change_url(draft)).content.decode()
    assert re.search(rf'href="{re.escape(draft.get_absolute_url())}"[^>]*>Aperçu</a>', html)
    assert "Voir sur le site" not in html
    # staff see the draft at that address
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_admin_save_does_not_overwrite_reads_counted_meanwhile(client):
    article = ArticleFactory()
    client.force_login(editor())
    data = form_data(client.get(change_url(article)))
    Article.count_reads(article.pk, 42)  # reads counted while the editor types
    data["title"] = ["Un titre corrigé"]
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.reads) == ("Un titre corrigé", 42)


def test_encadres_and_notes_are_saved_through_the_inlines(client):
    article = ArticleFactory()
    client.force_login(editor())
    data = form_data(client.get(change_url(article)))
    data.update(
        {
            "boxes-TOTAL_FORMS": ["1"],
            "boxes-0-heading": ["Le tramway, c'est quoi ?"],
            "boxes-0-body": ["Un transport en commun sur rails."],
            "boxes-0-position": ["0"],
            "notes-TOTAL_FORMS": ["1"],
            "notes-0-kind": ["correction"],
            "notes-0-text": ["Le nom du maire a été corrigé."],
            "notes-0-created_at_0": ["26/11/2026"],
            "notes-0-created_at_1": ["10:00:00"],
        }
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert article.boxes.get().heading == "Le tramway, c'est quoi ?"
    assert article.notes.get().kind == "correction"


# --- Workflow buttons (the rights themselves are in test_permissions) -------------------


def test_journalist_sees_only_the_submit_button_on_own_draft(client):
    user = journalist()
    article = ArticleFactory(status=Status.DRAFT, publish_at=None, created_by=user)
    client.force_login(user)
    response = client.get(change_url(article))
    assert response.context["workflow_names"] == ["_workflow_submit"]
    assert 'name="_workflow_submit" value="Soumettre à la relecture"' in response.content.decode()


def test_editor_buttons_follow_the_status(client):
    client.force_login(editor())
    review = ArticleFactory(status=Status.REVIEW, publish_at=None)
    public = ArticleFactory()
    assert client.get(change_url(review)).context["workflow_names"] == [
        "_workflow_publish",
        "_workflow_schedule",
        "_workflow_return_to_draft",
    ]
    assert client.get(change_url(public)).context["workflow_names"] == ["_workflow_unpublish"]


def test_submit_button_saves_the_edit_then_submits(client):
    user = journalist()
    article = ArticleFactory(status=Status.DRAFT, publish_at=None, first_published_at=None, created_by=user)
    client.force_login(user)
    data = form_data(client.get(change_url(article)))
    data["title"] = ["Version finale"]
    data["_workflow_submit"] = ["Soumettre à la relecture"]
    response = client.post(change_url(article), data, follow=True)
    article.refresh_from_db()
    assert (article.title, article.status) == ("Version finale", Status.REVIEW)
    assert "« Version finale » est soumis à la relecture de la rédaction en chef." in messages_of(response)


def test_publish_now_button(client):
    article = ArticleFactory(status=Status.REVIEW, publish_at=None, first_published_at=None)
    client.force_login(editor())
    data = form_data(client.get(change_url(article)))
    data["_workflow_publish"] = ["Publier maintenant"]
    response = client.post(change_url(article), data, follow=True)
    article.refresh_from_db()
    assert article.is_public
    assert f"« {article.title} » est publié : il est en ligne." in messages_of(response)


def test_schedule_button_uses_the_publish_at_field(client):
    article = ArticleFactory(status=Status.REVIEW, publish_at=None, first_published_at=None)
    client.force_login(editor())
    at = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    data = form_data(client.get(change_url(article)))
    data["publish_at_0"], data["publish_at_1"] = local_date_time(at)
    data["_workflow_schedule"] = ["Programmer"]
    response = client.post(change_url(article), data, follow=True)
    article.refresh_from_db()
    assert (article.status, article.publish_at) == (Status.PUBLISHED, at)
    assert not article.is_public
    assert any("est programmé : il sera en ligne le" in text for text in messages_of(response))


@pytest.mark.parametrize("when", ["past", "empty"])
def test_schedule_button_with_no_future_date_keeps_the_form_and_stores_nothing(client, when):
    article = ArticleFactory(status=Status.REVIEW, publish_at=None, first_published_at=None)
    client.force_login(editor())
    data = form_data(client.get(change_url(article)))
    data["title"] = ["Titre à ne pas enregistrer"]
    if when == "past":
        data["publish_at_0"], data["publish_at_1"] = local_date_time(timezone.now() - timedelta(hours=1))
    data["_workflow_schedule"] = ["Programmer"]
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Cette date est passée" in html) if when == "past" else ("Indiquez la date et l" in html)
    article.refresh_from_db()
    assert (article.title, article.status) == (
        ArticleFactory._meta.model.objects.get(pk=article.pk).title,
        Status.REVIEW,
    )
    assert article.title != "Titre à ne pas enregistrer"


def test_unpublish_button(client):
    article = ArticleFactory()
    client.force_login(editor())
    data = form_data(client.get(change_url(article)))
    data["_workflow_unpublish"] = ["Dépublier"]
    response = client.post(change_url(article), data, follow=True)
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    assert f"« {article.title} » est dépublié : il n'est plus visible sur le site." in messages_of(response)


def test_stale_button_keeps_the_edit_and_explains(client):
    """The page was opened before a colleague unpublished the article."""
    article = ArticleFactory()
    client.force_login(editor())
    data = form_data(client.get(change_url(article)))
    Article.objects.filter(pk=article.pk).update(status=Status.UNPUBLISHED)
    data["title"] = ["Titre corrigé"]
    data["_workflow_unpublish"] = ["Dépublier"]
    response = client.post(change_url(article), data, follow=True)
    assert response.status_code == 200
    article.refresh_from_db()
    assert (article.title, article.status) == ("Titre corrigé", Status.UNPUBLISHED)
    assert any("sont enregistrées, mais : Seul un article publié" in text for text in messages_of(response))


def test_journalist_can_create_and_submit_in_one_click(client):
    user = journalist()
    client.force_login(user)
    data = new_article_data(client, _workflow_submit=["Soumettre à la relecture"])
    assert client.post(add_url(), data).status_code == 302
    assert Article.objects.get().status == Status.REVIEW


# --- Changelist actions -----------------------------------------------------------------


def run_action(client, action, articles):
    return client.post(
        changelist_url(),
        {"action": action, "_selected_action": [a.pk for a in articles], "index": "0"},
        follow=True,
    )


def test_publish_action_publishes_and_leaves_public_ones_alone(client):
    review = ArticleFactory(status=Status.REVIEW, publish_at=None, first_published_at=None)
    public = ArticleFactory()
    published_at = public.publish_at
    client.force_login(editor())
    response = run_action(client, "publish_selected", [review, public])
    review.refresh_from_db()
    public.refresh_from_db()
    assert review.is_public
    assert public.publish_at == published_at
    texts = messages_of(response)
    assert "1 article publié." in texts
    assert f"« {public.title} » : déjà en ligne, sa date de publication est inchangée." in texts
    assert Version.objects.get_for_object(public).count() == 0  # not saved again


def test_schedule_action_uses_each_publish_at_and_refuses_past_dates(client):
    at = timezone.now() + timedelta(days=1)
    future = ArticleFactory(status=Status.REVIEW, publish_at=at, first_published_at=None)
    past = ArticleFactory(status=Status.REVIEW, publish_at=timezone.now() - timedelta(days=1), first_published_at=None)
    undated = ArticleFactory(status=Status.DRAFT, publish_at=None, first_published_at=None)
    client.force_login(editor())
    response = run_action(client, "schedule_selected", [future, past, undated])
    for article in (future, past, undated):
        article.refresh_from_db()
    assert (future.status, future.publish_at) == (Status.PUBLISHED, at)
    assert past.status == Status.REVIEW
    assert undated.status == Status.DRAFT
    texts = messages_of(response)
    assert "1 article programmé." in texts
    assert any(
        text.startswith(f"« {past.title} » : sa date de publication (") and "est passée" in text for text in texts
    )
    assert (
        f"« {undated.title} » : pas de date de publication ; indiquez-la dans l'article avant de le programmer."
        in texts
    )


def test_unpublish_action(client):
    articles = [ArticleFactory(), ArticleFactory()]
    client.force_login(editor())
    response = run_action(client, "unpublish_selected", articles)
    assert set(Article.objects.values_list("status", flat=True)) == {Status.UNPUBLISHED}
    assert "2 articles dépubliés." in messages_of(response)


def test_submit_action_for_a_journalist_own_drafts(client):
    user = journalist()
    drafts = [ArticleFactory(status=Status.DRAFT, publish_at=None, created_by=user) for _ in range(2)]
    client.force_login(user)
    response = run_action(client, "submit_selected", drafts)
    assert set(Article.objects.values_list("status", flat=True)) == {Status.REVIEW}
    assert "2 articles soumis à la relecture." in messages_of(response)


# --- Photos, authors, sections ----------------------------------------------------------


def test_photo_upload_sets_uploader_and_makes_renditions(client, monkeypatch):
    made = []
    monkeypatch.setattr("articles.renditions.photo_make_renditions", lambda *, photo: made.append(photo.pk))
    user = journalist()
    client.force_login(user)
    response = client.post(
        reverse("admin:articles_photo_add"),
        {"image": image_upload(), "caption": "Le Vercors sous la neige", "credit": "D.R.", "alt_text": "Montagnes"},
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.uploaded_by == user
    assert made == [photo.pk]


def test_photo_upload_of_a_non_image_is_refused_in_french(client):
    client.force_login(journalist())
    fake = SimpleUploadedFile("photo.jpg", b"ceci n'est pas une image", content_type="image/jpeg")
    response = client.post(reverse("admin:articles_photo_add"), {"image": fake, "caption": "x"})
    assert response.status_code == 200
    assert "Téléversez une image valide." in response.content.decode()
    assert not Photo.objects.exists()


def test_photo_upload_in_a_refused_format_is_refused_by_the_model_validator(client, tmp_path):
    client.force_login(journalist())
    gif = SimpleUploadedFile("anim.gif", image_bytes(width=40, height=40, fmt="GIF"), content_type="image/gif")
    response = client.post(reverse("admin:articles_photo_add"), {"image": gif, "caption": "x"})
    assert response.status_code == 200
    assert "Format non accepté (GIF) : JPEG, PNG ou WebP uniquement." in response.content.decode()
    assert not Photo.objects.exists()
    assert not list((tmp_path / "media").rglob("*.gif"))


def test_photo_list_shows_rendition_thumbnail_caption_and_credit(client, django_assert_max_num_queries):
    with_renditions = PhotoFactory(caption="Le pont au lever du jour", credit="Photo Jean Dupont")
    with_renditions.renditions = {
        "480": {"jpeg": "renditions/pont-480.jpg"},
        "800": {"jpeg": "renditions/pont-800.jpg"},
    }
    with_renditions.save()
    PhotoFactory(caption="Sans vignette")
    client.force_login(editor())
    html = client.get(reverse("admin:articles_photo_changelist")).content.decode()
    assert '<img src="/media/renditions/pont-480.jpg" width="120"' in html
    assert "Le pont au lever du jour" in html and "Photo Jean Dupont" in html
    assert "Sans vignette" in html


def test_lead_photo_and_author_autocomplete_answer_journalists(client):
    PhotoFactory(caption="Place Grenette un jour de marché")
    AuthorFactory(name="Noémie Faure")
    client.force_login(journalist())
    url = reverse("admin:autocomplete")
    photos = client.get(
        url, {"app_label": "articles", "model_name": "article", "field_name": "lead_photo", "term": "Grenette"}
    ).json()
    assert [row["text"] for row in photos["results"]] == ["Place Grenette un jour de marché"]
    authors = client.get(
        url, {"app_label": "articles", "model_name": "articleauthor", "field_name": "author", "term": "Faure"}
    ).json()
    assert [row["text"] for row in authors["results"]] == ["Noémie Faure"]


def test_category_list_is_a_tree_by_path(client):
    region = SectionFactory(name="Actualités", slug="actualites", parent__name="Isère", parent__slug="isere").parent
    SectionFactory(name="Sports", slug="sports", parent=region)
    client.force_login(editor())
    response = client.get(reverse("admin:articles_category_changelist"))
    paths = [category.path for category in response.context["cl"].result_list]
    assert paths == ["isere", "isere/actualites", "isere/sports"]
    assert "<strong>Isère</strong>" in response.content.decode()


def test_author_and_category_forms_prepopulate_the_slug(client):
    client.force_login(editor())
    for name in ("admin:articles_author_add", "admin:articles_category_add"):
        html = client.get(reverse(name)).content.decode()
        expected = "&quot;id&quot;: &quot;#id_slug&quot;, &quot;name&quot;: &quot;slug&quot;, &quot;dependency_ids&quot;: [&quot;#id_name&quot;]"
        assert expected in html, name


def test_box_factory_boxes_show_in_change_form(client):
    box = BoxFactory()
    client.force_login(editor())
    html = client.get(change_url(box.article)).content.decode()
    assert "Le budget primitif, c&#x27;est quoi ?" in html
    assert ArticleAuthor.objects.count() == 0


def test_publish_at_is_read_only_once_online(client):
    client.force_login(editor())
    response = client.get(change_url(ArticleFactory()))
    assert "publish_at" not in response.context["adminform"].form.fields


def test_moving_a_scheduled_time_needs_the_schedule_button(client):
    at = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    article = ArticleFactory(publish_at=at, first_published_at=at)
    client.force_login(editor())
    data = form_data(client.get(change_url(article)))
    later = at + timedelta(days=1)
    data["publish_at_0"], data["publish_at_1"] = local_date_time(later)
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "cliquez sur « Programmer »" in response.content.decode()
    article.refresh_from_db()
    assert article.publish_at == at
    data["_workflow_schedule"] = ["Programmer"]
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.publish_at == later


def test_saving_a_scheduled_article_keeps_its_exact_time(client):
    at = timezone.now() + timedelta(days=1)  # with microseconds, which the form does not show
    article = ArticleFactory(publish_at=at, first_published_at=at)
    client.force_login(editor())
    data = form_data(client.get(change_url(article)))
    data["title"] = ["Titre retouché"]
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.publish_at) == ("Titre retouché", at)


def test_a_colleagues_article_reads_as_text_not_as_markup(client):
    article = ArticleFactory(body="<p>Le vote a eu lieu <strong>mardi</strong>.</p>", created_by=editor())
    client.force_login(journalist())
    response = client.get(change_url(article))
    html = response.content.decode()
    assert "<p>Le vote a eu lieu <strong>mardi</strong>.</p>" in html
    assert "&lt;p&gt;" not in html
    assert "Nouveaux mots-clés" not in html
