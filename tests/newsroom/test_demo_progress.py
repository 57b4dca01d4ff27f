"""demo_content --articles N tells how far it is, batch by batch."""

import io

import pytest

from articles.models import Article
from common.progress import Progress
from newsroom.demo.bulk import bulk_articles_create
from tests.factories import AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_bulk_articles_report_each_batch():
    SectionFactory()
    AuthorFactory.create_batch(2)  # a bulk article may take two bylines
    out = io.StringIO()
    with Progress(total=None, label="Articles", stream=out, interval=0) as progress:
        assert bulk_articles_create(5, batch_size=2, progress=progress) == 5
    assert Article.objects.count() == 5
    assert [line.split(" (")[0] for line in out.getvalue().splitlines()[:3]] == [
        "Articles : 2/5",
        "Articles : 4/5",
        "Articles : 5/5",
    ]
