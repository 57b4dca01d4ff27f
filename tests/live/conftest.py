import pytest

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, editor, journalist


@pytest.fixture
def reporter(db):
    """A journalist who signs the live."""
    return journalist(username="reporter", first_name="Claire", last_name="Vernet")


@pytest.fixture
def live(reporter):
    author = AuthorFactory(name="Claire Vernet", user=reporter)
    return ArticleFactory(title="Crue de l'Isère en direct", live=Article.Live.RUNNING, authors=[author])


@pytest.fixture
def chief(db):
    return editor(username="chef")
