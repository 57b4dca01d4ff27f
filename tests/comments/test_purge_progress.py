"""The GDPR purge goes by batches and tells how far it is."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from comments import moderation
from comments.models import Reaction
from common.progress import Progress
from tests.comments.conftest import make_reaction

pytestmark = pytest.mark.django_db


def test_purge_by_batches_shows_progress_and_blanks_every_old_reaction(article, monkeypatch):
    monkeypatch.setattr(moderation, "PURGE_BATCH", 2)
    old = [make_reaction(article, email=f"vieux{n}@example.org", ip_hash=f"h{n}") for n in range(5)]
    Reaction.objects.filter(pk__in=[r.pk for r in old]).update(created_at=timezone.now() - timedelta(days=400))
    recent = make_reaction(article, email="recent@example.org", ip_hash="r")
    out = io.StringIO()
    with Progress(total=None, label="Réactions anonymisées", stream=out, interval=0) as progress:
        purged = moderation.reactions_purge_personal_data(older_than=timedelta(days=365), progress=progress)
    assert purged == 5
    assert not Reaction.objects.filter(pk__in=[r.pk for r in old]).exclude(email="").exists()
    recent.refresh_from_db()
    assert recent.email == "recent@example.org"
    lines = out.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines[:3]] == [
        "Réactions anonymisées : 2/5",
        "Réactions anonymisées : 4/5",
        "Réactions anonymisées : 5/5",
    ]
