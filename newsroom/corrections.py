"""Corrections by the author: a journalist proposes, an editor validates or refuses.

The admin's add form and actions call these services; a validated correction is an
``UpdateNote`` of kind "correction", dated at validation, which every page already shows.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, UpdateNote
from articles.services import user_is_author

from .models import CorrectionProposal

State = CorrectionProposal.State


def user_can_decide(user) -> bool:
    return user.is_active and user.has_perm("newsroom.decide_correctionproposal")


def correction_check(*, article: Article, user, text: str) -> str:
    """Why ``user`` may not propose ``text`` for ``article`` (an exception), else the text."""
    if not (user.is_active and user.has_perm("newsroom.add_correctionproposal")):
        raise PermissionDenied("Vous ne pouvez pas proposer de correction.")
    if not (user_is_author(user, article) or user_can_decide(user)):
        raise PermissionDenied("Seul l'auteur d'un article peut en proposer la correction.")
    if not article.is_public:
        raise ValidationError("Un article non publié se corrige directement, sans proposition.")
    text = (text or "").strip()
    if not text:
        raise ValidationError("Décrivez la correction à publier.")
    return text


def correction_propose(*, article: Article, user, text: str) -> CorrectionProposal:
    """The article's author proposes a correction to it once it is public."""
    text = correction_check(article=article, user=user, text=text)
    return CorrectionProposal.objects.create(article=article, text=text, proposed_by=user)


def _decide(proposal, *, user):
    if not user_can_decide(user):
        raise PermissionDenied("Seule la rédaction en chef valide les corrections.")
    if proposal.state != State.PENDING:
        raise ValidationError("Cette correction a déjà été traitée.")


def correction_accept(*, proposal: CorrectionProposal, user) -> UpdateNote:
    """Publish the correction as a dated note under the article."""
    _decide(proposal, user=user)
    now = timezone.now()
    with transaction.atomic():
        note = UpdateNote.objects.create(
            article=proposal.article, kind=UpdateNote.Kind.CORRECTION, text=proposal.text, created_at=now
        )
        proposal.state, proposal.decided_by, proposal.decided_at, proposal.note = State.ACCEPTED, user, now, note
        proposal.save(update_fields=["state", "decided_by", "decided_at", "note"])
    return note


def correction_refuse(*, proposal: CorrectionProposal, user) -> CorrectionProposal:
    _decide(proposal, user=user)
    proposal.state, proposal.decided_by, proposal.decided_at = State.REFUSED, user, timezone.now()
    proposal.save(update_fields=["state", "decided_by", "decided_at"])
    return proposal
