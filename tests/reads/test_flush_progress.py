"""flush_reads tells how far it is when batches piled up (runs that died during an outage)."""

import io

import pytest

from common.progress import Progress
from reads import services as reads
from tests.reads.test_reads_redis import article, batches, buffered, register, stored  # noqa: F401


def pile_up_batches(monkeypatch, article, count):  # noqa: F811
    """``count`` runs that claimed a batch and died before writing it."""

    def crash(*args, **kwargs):
        raise RuntimeError("killed between the claim and the write")

    monkeypatch.setattr(reads, "apply_counts", crash)
    for n in range(count):
        register(article, f"lecteur-{n}")
        with pytest.raises(RuntimeError):
            reads.flush_buffer()
    monkeypatch.undo()


def test_a_backlog_of_batches_is_written_with_progress_lines(buffered, article, monkeypatch):  # noqa: F811
    pile_up_batches(monkeypatch, article, 3)
    assert len(batches(buffered)) == 3
    out = io.StringIO()
    with Progress(total=None, label="Lots de lectures écrits", stream=out, interval=0) as progress:
        reads.flush_buffer(progress=progress)
    assert stored(article) == 3
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Lots de lectures écrits : 1/3 (33\u202f%")
    assert lines[-1].startswith("Lots de lectures écrits : 3/3 (100\u202f%")


def test_the_minutely_run_stays_quiet(buffered, article):  # noqa: F811
    from django.core.management import call_command

    register(article, "r1")
    out = io.StringIO()
    call_command("flush_reads", stdout=out)
    assert out.getvalue().splitlines() == [
        "1 lecture(s) écrite(s) en 1 lot(s)\u202f; 0 marque(s) expirée(s) purgée(s)."
    ]
