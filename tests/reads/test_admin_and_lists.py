"""What editors see of read counting in the admin, and "Les plus lus"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from reads.models import ReadDay
from reads.queries import most_read
from tests.factories import ArticleFactory, editor

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_reads_chart_is_shown_as_html(client, monkeypatch):
    article = ArticleFactory()
    svg = '<svg role="img" aria-label="Lectures des 30 derniers jours"><rect width="1" height="2"/></svg>'
    monkeypatch.setattr("reads.templatetags.reads.reads_chart_svg", lambda a: svg if a.pk == article.pk else "")
    client.force_login(editor())
    html = client.get(change_url(article)).content.decode()
    assert "Lectures par jour" in html
    assert svg in html


def test_reads_chart_placeholder_when_empty(client, monkeypatch):
    monkeypatch.setattr("reads.templatetags.reads.reads_chart_svg", lambda article: "")
    client.force_login(editor())
    html = client.get(change_url(ArticleFactory())).content.decode()
    assert "Pas encore de lectures comptées par jour." in html


def test_reads_chart_never_injects_the_title_as_html(client):
    article = ArticleFactory(title="<script>alert('lu')</script> Fête des Lumières")
    Article.count_reads(article.pk, 3)
    client.force_login(editor())
    html = client.get(change_url(article)).content.decode()
    assert "<script>alert(" not in html


def test_most_read_starts_from_the_buckets_of_the_period():
    today = timezone.localdate()
    popular, quiet, stale = ArticleFactory(), ArticleFactory(), ArticleFactory()
    ReadDay.objects.create(article=popular, day=today, count=50)
    ReadDay.objects.create(article=quiet, day=today - timedelta(days=2), count=5)
    ReadDay.objects.create(article=stale, day=today - timedelta(days=30), count=900)
    ranked = list(most_read(Article.objects.published(), since=today - timedelta(days=6)))
    assert ranked == [popular, quiet]
    assert [a.period_reads for a in ranked] == [50, 5]


def test_the_admin_panel_shows_the_total_with_french_thousands(client):
    article = ArticleFactory()
    Article.count_reads(article.pk, 2239)
    client.force_login(editor())
    html = client.get(change_url(article)).content.decode()
    assert '<div class="readonly">2\u202f239</div>' in html


def test_today_and_the_week_are_labelled_in_french(client):
    article = ArticleFactory()
    ReadDay.objects.create(article=article, day=timezone.localdate(), count=3)
    html = client.get("/").content.decode()
    assert "Aujourd’hui" in html and "Sur sept jours" in html
