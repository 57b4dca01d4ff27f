"""Corrections by the author: a journalist proposes, an editor validates, readers see a dated note."""

from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleAuthor, UpdateNote
from newsroom.corrections import correction_accept, correction_propose, correction_refuse
from newsroom.models import CorrectionProposal
from tests.factories import ArticleFactory, AuthorFactory, editor, journalist, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def author_and_article():
    writer = journalist(username="lea")
    article = ArticleFactory(title="Le budget voté", created_by=writer)
    ArticleAuthor.objects.create(article=article, author=AuthorFactory(user=writer))
    return writer, article


def test_an_accepted_correction_shows_as_a_dated_note(client, author_and_article, time_machine):
    writer, article = author_and_article
    proposal = correction_propose(article=article, user=writer, text="Le budget s'élève à 12 millions, pas 21.")
    assert "12 millions" not in client.get(article.get_absolute_url()).content.decode()
    # A first of the month, after the article's publication (a date before it is a 404).
    year = timezone.localdate().year + 1
    time_machine.move_to(timezone.make_aware(datetime(year, 12, 1, 14, 5)), tick=False)
    correction_accept(proposal=proposal, user=editor())
    html = client.get(article.get_absolute_url()).content.decode()
    notes = html.split('class="notes"')[1].split("</section>")[0]
    assert "Correction" in notes and f"1er décembre {year} à 14\u00a0h\u00a005" in notes
    assert "12 millions, pas 21." in notes
    proposal.refresh_from_db()
    assert proposal.state == CorrectionProposal.State.ACCEPTED and proposal.note.kind == UpdateNote.Kind.CORRECTION


def test_a_refused_correction_shows_nothing(client, author_and_article):
    writer, article = author_and_article
    proposal = correction_propose(article=article, user=writer, text="Une coquille.")
    correction_refuse(proposal=proposal, user=editor())
    assert not UpdateNote.objects.filter(article=article).exists()
    with pytest.raises(ValidationError):
        correction_accept(proposal=proposal, user=editor())


def test_only_the_author_proposes_and_only_editors_decide(author_and_article):
    writer, article = author_and_article
    with pytest.raises(PermissionDenied):
        correction_propose(article=article, user=journalist(username="autre"), text="Non.")
    with pytest.raises(PermissionDenied):
        correction_propose(article=article, user=moderator(), text="Non.")
    proposal = correction_propose(article=article, user=writer, text="Oui.")
    for user in (writer, moderator()):
        with pytest.raises(PermissionDenied):
            correction_accept(proposal=proposal, user=user)


def test_an_unpublished_article_is_corrected_directly(author_and_article):
    writer, _ = author_and_article
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, created_by=writer)
    with pytest.raises(ValidationError, match="non publié"):
        correction_propose(article=draft, user=writer, text="Coquille.")


def test_a_journalist_proposes_in_the_admin_and_an_editor_validates_there(client, author_and_article):
    writer, article = author_and_article
    client.force_login(writer)
    response = client.post(
        reverse("admin:newsroom_correctionproposal_add"), {"article": article.pk, "text": "Le maire est Dupont."}
    )
    assert response.status_code == 302
    proposal = CorrectionProposal.objects.get()
    assert proposal.proposed_by == writer and proposal.state == CorrectionProposal.State.PENDING
    # A colleague's article is not offered.
    other = ArticleFactory(title="L'article d'un collègue")
    page = client.get(reverse("admin:newsroom_correctionproposal_add")).content.decode()
    assert "Le budget voté" in page and "collègue" not in page
    response = client.post(reverse("admin:newsroom_correctionproposal_add"), {"article": other.pk, "text": "x"})
    assert response.status_code == 200 and CorrectionProposal.objects.count() == 1

    client.force_login(editor())
    response = client.post(
        reverse("admin:newsroom_correctionproposal_changelist"),
        {"action": "accept_selected", "_selected_action": [proposal.pk]},
    )
    assert response.status_code == 302
    assert UpdateNote.objects.get(article=article).text == "Le maire est Dupont."


def test_a_journalist_cannot_validate_in_the_admin(client, author_and_article):
    writer, article = author_and_article
    proposal = correction_propose(article=article, user=writer, text="Coquille.")
    client.force_login(writer)
    client.post(
        reverse("admin:newsroom_correctionproposal_changelist"),
        {"action": "accept_selected", "_selected_action": [proposal.pk]},
    )
    assert not UpdateNote.objects.exists()


def test_the_editors_desk_lists_the_corrections_waiting(client, author_and_article):
    writer, article = author_and_article
    correction_propose(article=article, user=writer, text="Coquille.")
    client.force_login(editor())
    html = client.get(reverse("admin:index")).content.decode()
    block = html.split("Corrections proposées (1)")[1].split("</div>")[0]
    assert "Le budget voté" in block and "lea" in block
