from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_excludes_draft_future_and_unpublished():
    now = timezone.now()
    public = ArticleFactory(publish_at=now - timedelta(minutes=1))
    ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    ArticleFactory(publish_at=now + timedelta(minutes=1))
    ArticleFactory(status=Article.Status.UNPUBLISHED, publish_at=now - timedelta(days=1))
    ArticleFactory(status=Article.Status.REVIEW, publish_at=now - timedelta(days=1))
    assert list(Article.objects.published(now=now)) == [public]


def test_published_includes_article_scheduled_exactly_now():
    now = timezone.now()
    article = ArticleFactory(publish_at=now)
    assert list(Article.objects.published(now=now)) == [article]
    assert list(Article.objects.published(now=now - timedelta(microseconds=1))) == []


def test_body_is_sanitised_on_save():
    article = ArticleFactory(
        body='<p onclick="x()">Bonjour<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">lien</a><iframe src="https://evil.example"></iframe>'
        '<h2>Intertitre</h2><blockquote>« Citation »</blockquote><a href="https://example.org">ok</a>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    assert "iframe" not in article.body
    assert "<h2>Intertitre</h2>" in article.body
    assert "<blockquote>« Citation »</blockquote>" in article.body
    assert 'href="https://example.org"' in article.body


def test_changed_slug_redirects_permanently_from_old_url(client):
    article = ArticleFactory()
    old_url = article.get_absolute_url()
    article.slug = "un-nouveau-titre"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_changed_category_redirects_permanently_from_old_url(client):
    article = ArticleFactory()
    old_url = article.get_absolute_url()
    other = ArticleFactory().category
    article.category = other
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
