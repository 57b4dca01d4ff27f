"""Reader search over published articles.

PostgreSQL: full-text search with the accent-insensitive French configuration,
ranked (title > standfirst > body) among the newest ``MAX_CANDIDATES`` matches, with
excerpts highlighted by ``ts_headline``.
SQLite: every word must appear (``icontains``) in the title, standfirst or body;
newest first, excerpts highlighted in Python.

Whatever a reader types is only ever a bound parameter, and every highlight is
built by escaping the text first and adding ``<mark>`` afterwards, so neither the
query nor the stored text can inject markup.
"""

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.db.models.lookups import Contains
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.search import SEARCH_CONFIG, body_text, search_is_available
from common.french import fold

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
EXCERPT_CHARS = 240
# At most this many results (the newest matches, then ranked): see newest_matches().
MAX_CANDIDATES = 500
# Where the newest matches are looked for first: see newest_matches().
RECENT_WINDOW = timedelta(days=365)

# ts_headline marks the matches with these; they are swapped for <mark> only after
# the text around them has been escaped.
_START, _STOP = "\x02", "\x03"
_MARKED = re.compile(f"{_START}([^{_START}{_STOP}]*){_STOP}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+")


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Rechercher sur le site",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": (
                f"Votre recherche est trop longue\u202f: {MAX_QUERY_LENGTH} caractères au plus, s’il vous plaît."
            ),
            "null_characters_not_allowed": "Votre recherche contient des caractères invalides.",
        },
    )

    def clean_q(self):
        """Control characters never reach the database (PostgreSQL rejects NUL outright)."""
        return " ".join(_CONTROL.sub(" ", self.cleaned_data["q"]).split())

    @property
    def words(self):
        """The words of the query; none means there is nothing to look for."""
        return query_words(self.cleaned_data.get("q", ""))


def query_words(query: str) -> list[str]:
    return _WORD.findall(query)[:MAX_WORDS]


@dataclass(frozen=True)
class SearchResults:
    """What ``search_articles`` found, best first, for a ``Paginator``.

    PostgreSQL: ``items`` is the list of the ranked articles' ids (at most
    ``MAX_CANDIDATES``: counting it costs nothing), and ``capped`` says that more articles
    matched than were ranked. SQLite: an ordered queryset, counted by the paginator.
    Either way ``page_articles`` turns the items of one page into articles.
    """

    items: list[int] | QuerySet
    capped: bool = False


def search_articles(query: str) -> SearchResults:
    """Published articles matching ``query``, best first."""
    if search_is_available():
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        matches = newest_matches(search_query)
        ranked = sorted(
            matches[:MAX_CANDIDATES], key=lambda match: (match.rank, match.publish_at, match.pk), reverse=True
        )
        return SearchResults([match.pk for match in ranked], capped=len(matches) > MAX_CANDIDATES)
    articles = Article.objects.published().select_related("category__parent")
    words = query_words(query)
    if not words:
        return SearchResults(articles.none())
    for word in words:
        # SQLite's LIKE folds the case of ASCII letters only: both sides are folded.
        folded = fold(word)
        articles = articles.filter(
            Q(Contains(Folded("title"), folded))
            | Q(Contains(Folded("standfirst"), folded))
            | Q(Contains(Folded("body"), folded))
        )
    return SearchResults(articles.order_by("-publish_at", "-pk"))


class Folded(Func):
    """``fold()`` in SQL, on SQLite (registered on each connection by NewsroomConfig)."""

    function = "newsroom_fold"
    output_field = TextField()


def register_fold(sender, connection, **kwargs):
    """connection_created receiver: SQLite gets ``newsroom_fold``; PostgreSQL has unaccent."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("newsroom_fold", 1, fold, deterministic=True)


def _letter_variants():
    """Every letter of Latin-1 and Latin Extended-A under the letter it folds to, so
    that "ecole" finds and marks "École" in the text itself."""
    variants = defaultdict(set)
    for code in range(0x00C0, 0x0180):
        folded = fold(chr(code))
        if len(folded) == 1 and folded.isalpha():
            variants[folded].add(chr(code))
    return variants


_VARIANTS = _letter_variants()


def _words_pattern(words):
    """A regular expression matching any of ``words`` whatever its case and accents."""

    def letters(word):
        return "".join(
            f"[{re.escape(char)}{''.join(sorted(_VARIANTS[char]))}]" if char in _VARIANTS else re.escape(char)
            for char in fold(word)
        )

    return re.compile("|".join(letters(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE)


def newest_matches(search_query) -> list:
    """(pk, rank, publish_at) of the newest ``MAX_CANDIDATES + 1`` published matches,
    newest first (PostgreSQL).

    Only these are ranked: a word found in most of the archive ("commune") would
    otherwise have every match read and ranked (bench/README.md, "Scale"). For such a
    word PostgreSQL walks the newest articles down an index and stops. For a rarer word
    it takes the full-text index, then must read each match's row to learn its date:
    looking at the last ``RECENT_WINDOW`` first (the full-text index ANDed with the
    date index) keeps that to the year's matches whenever they are enough, instead of
    every match in the archive. The older archive is read only for what is missing.

    The rank is computed in the same scan, from the row it reads anyway, and comes back
    with the ids: no second query has to find these articles again (a list of 500 ids
    costs PostgreSQL milliseconds to plan).
    """
    now = timezone.now()
    since = now - RECENT_WINDOW
    matches = (
        Article.objects.published(now=now)
        .filter(search_vector=search_query)
        .annotate(rank=SearchRank(F("search_vector"), search_query))
        .order_by("-publish_at", "-pk")
        .values_list("pk", "rank", "publish_at", named=True)
    )
    wanted = MAX_CANDIDATES + 1  # one more tells that there are more
    found = list(matches.filter(publish_at__gt=since)[:wanted])
    if len(found) < wanted:
        found += matches.filter(publish_at__lte=since)[: wanted - len(found)]
    return found


def page_articles(items, query: str) -> list:
    """The articles of one page of results, in order, with ``title_html`` and ``excerpt_html``."""
    if search_is_available():
        ids = list(items)
        rows = with_highlights(
            Article.objects.published()
            .select_related("category__parent")
            .defer("body", "search_vector")  # the excerpt is made by the database
            .filter(pk__in=ids),
            query,
        )
        by_id = {article.pk: article for article in rows}
        articles = [by_id[pk] for pk in ids if pk in by_id]
    else:
        articles = list(items)
    return attach_highlights(articles, query)


def with_highlights(queryset, query: str):
    """Annotate the PostgreSQL headlines; only the rows of the page pay for them."""
    if not search_is_available():
        return queryset
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    options = {"start_sel": _START, "stop_sel": _STOP}
    return queryset.annotate(
        title_headline=SearchHeadline("title", search_query, config=SEARCH_CONFIG, highlight_all=True, **options),
        excerpt_headline=SearchHeadline(
            Concat("standfirst", Value(" "), body_text(), output_field=TextField()),
            search_query,
            config=SEARCH_CONFIG,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
            **options,
        ),
    )


def attach_highlights(articles, query: str):
    """Set ``title_html`` and ``excerpt_html`` (safe strings) on each article of a page."""
    words = query_words(query)
    for article in articles:
        if hasattr(article, "title_headline"):
            article.title_html = marked_to_html(article.title_headline)
            article.excerpt_html = marked_to_html(html.unescape(article.excerpt_headline))
        else:
            article.title_html = highlight(article.title, words)
            article.excerpt_html = highlight(excerpt(plain_text(article), words), words)
    return articles


def marked_to_html(marked: str) -> SafeString:
    """Escape a ts_headline result, then turn its sentinels into ``<mark>``."""
    escaped = escape(" ".join((marked or "").split()))
    return mark_safe(_MARKED.sub(r"<mark>\1</mark>", escaped).replace(_START, "").replace(_STOP, ""))


def plain_text(article) -> str:
    body = html.unescape(strip_tags(article.body.replace("<", " <")))
    return " ".join(f"{article.standfirst} {body}".split())


def excerpt(text: str, words: list[str], size: int = EXCERPT_CHARS) -> str:
    """About ``size`` characters of ``text`` around the first word found."""
    if len(text) <= size:
        return text
    start = 0
    if words:
        match = _words_pattern(words).search(text)
        if match:
            start = max(0, match.start() - size // 3)
            space = text.find(" ", start, match.start()) if start else -1
            start = space + 1 if space != -1 else start  # start on a word boundary
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")


def highlight(text: str, words: list[str]) -> SafeString:
    """``text`` escaped, with each occurrence of ``words`` (any case or accent) in ``<mark>``."""
    if not words:
        return escape(text)
    pattern = _words_pattern(words)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))
