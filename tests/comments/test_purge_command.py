"""purge_reactions_personal_data: the GDPR command operators run from cron."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from comments.models import Reaction
from tests.comments.conftest import make_reaction

pytestmark = pytest.mark.django_db


def test_purge_blanks_emails_and_hashes_of_old_reactions(article):
    old = make_reaction(article, email="ancien@example.org", ip_hash="f" * 64)
    Reaction.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=100))
    recent = make_reaction(article, email="recent@example.org", ip_hash="e" * 64)
    out = StringIO()
    call_command("purge_reactions_personal_data", "--older-than", "90", stdout=out)
    assert "1 réaction(s) anonymisée(s)" in out.getvalue()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, old.ip_hash) == ("", "")
    assert old.personal_data_purged_at is not None
    assert recent.email == "recent@example.org"
    # Idempotent: nothing left to purge.
    out = StringIO()
    call_command("purge_reactions_personal_data", "--older-than", "90", stdout=out)
    assert "0 réaction(s)" in out.getvalue()


@pytest.mark.parametrize("value", ["abc", "-3", "0", "1.5", ""])
def test_bad_days_give_a_clear_error(value, article):
    make_reaction(article, email="x@example.org")
    with pytest.raises(CommandError, match="--older-than"):
        call_command("purge_reactions_personal_data", "--older-than", value)
    assert Reaction.objects.get().email == "x@example.org"


def test_days_are_required():
    with pytest.raises(CommandError):
        call_command("purge_reactions_personal_data")


def test_purge_also_forgets_old_reporters(article):
    from comments.models import ReactionReport

    reaction = make_reaction(article)
    for reporter in ("a" * 64, "b" * 64):
        ReactionReport.objects.create(reaction=reaction, reason="spam", reporter_hash=reporter)
    ReactionReport.objects.update(created_at=timezone.now() - timedelta(days=100))
    fresh = ReactionReport.objects.create(reaction=reaction, reason="spam", reporter_hash="c" * 64)
    call_command("purge_reactions_personal_data", "--older-than", "90", stdout=StringIO())
    hashes = set(ReactionReport.objects.exclude(pk=fresh.pk).values_list("reporter_hash", flat=True))
    assert len(hashes) == 2 and all(h.startswith("purged-") for h in hashes)
    assert ReactionReport.objects.get(pk=fresh.pk).reporter_hash == "c" * 64
