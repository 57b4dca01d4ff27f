"""Public pages of the articles app: article, section, author and tag pages.

Every list starts from ``Article.objects.published()``; only those who may edit or
publish it reach a non-public article, as a preview that is never cached nor counted.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, Count, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from taggit.models import Tag, TaggedItem

from common.http import ARTICLE_ID_HEADER

from . import fragments
from .models import Article, ArticleRedirect, Author, Category, CategoryRedirect
from .services import user_can_preview

PAGE_SIZE = 20
RELATED_LIMIT = 4
RELATED_CANDIDATES = 100
# Beyond any real list (200 000 articles): answered 404 without asking the database.
MAX_OPEN_ENDED_PAGE = 10_000


def _old_address(request):
    """The current address of a renamed article or category, or None."""
    found = ArticleRedirect.objects.select_related("article__category").filter(old_path=request.path).first()
    if found and (found.article.is_public or user_can_preview(request.user, found.article)):
        return found.article.get_absolute_url()
    return None


def related_articles(article, tag_ids, limit=RELATED_LIMIT):
    """ "À lire également" in one query: hand-picked first (in the editor's order),
    then articles sharing the most tags, then the same section; public ones only,
    never the article itself.

    Only a bounded set of candidates is ranked (the hand-picked ones, then the newest of
    the same section or sharing a tag), so that the page costs the same on a deep archive.
    """
    through = Article.related.through
    handpicked = through.objects.filter(from_article=article.pk)
    public = Article.objects.published().exclude(pk=article.pk).order_by("-publish_at", "-pk").values("pk")
    same_section = public.filter(category_id=article.category_id)
    shared_tags = Value(0)
    if tag_ids:
        content_type = ContentType.objects.get_for_model(Article)  # cached per process
        tagged = TaggedItem.objects.filter(content_type=content_type, tag_id__in=tag_ids)
        sharing_tags = public.filter(pk__in=tagged.values("object_id"))
        # A subquery per candidate, on the (content type, object) index: counted through
        # the generic relation, the join casts object_id and reads every tagged item.
        shared_tags = Coalesce(
            Subquery(
                tagged.filter(object_id=OuterRef("pk"))
                .order_by()
                .values("object_id")
                .annotate(n=Count("pk"))
                .values("n")
            ),
            0,
        )
    if connection.features.supports_slicing_ordering_in_compound:
        # PostgreSQL: each part walks an index (the section's newest, the newest sharing
        # a tag) and the union stays small.
        parts = [same_section[:RELATED_CANDIDATES]]
        if tag_ids:
            parts.append(sharing_tags[:RELATED_CANDIDATES])
        candidates = handpicked.values("to_article").union(*parts)
    else:
        # SQLite allows no LIMIT inside a UNION: one bounded scan in date order.
        nearby = Q(category_id=article.category_id)
        if tag_ids:
            nearby |= Q(pk__in=sharing_tags)
        candidates = Article.objects.filter(
            Q(pk__in=handpicked.values("to_article")) | Q(pk__in=public.filter(nearby)[:RELATED_CANDIDATES])
        ).values("pk")
    return list(
        Article.objects.published()
        .filter(pk__in=candidates)
        .exclude(pk=article.pk)
        .select_related("category__parent", "lead_photo")
        .annotate(
            handpicked_rank=Subquery(handpicked.filter(to_article=OuterRef("pk")).values("pk")[:1]),
            shared_tags=shared_tags,
        )
        .annotate(
            tier=Case(
                When(handpicked_rank__isnull=False, then=Value(0)),
                When(shared_tags__gt=0, then=Value(1)),
                default=Value(2),
            )
        )
        .order_by("tier", "handpicked_rank", "-shared_tags", "-publish_at", "-pk")[:limit]
    )


def _require_preview_right(request, article):
    """An article not yet public exists only for those who may edit or publish it."""
    if not article.is_public and not user_can_preview(request.user, article):
        raise Http404("Aucun article à cette adresse.")


def article_detail(request, category_path, slug):
    """An article page. The parts that depend on the article alone come from
    ``articles.fragments`` (rendered once per article and change); the read counter,
    the reactions and the ads are the page's own."""
    # The photo and the region are read by the fragments alone (fetched there when built).
    # An archive article's rendered parts come with its row (articles.fragments).
    queryset = Article.objects.select_related("category", "rendering")
    if not request.user.is_staff:
        queryset = queryset.published()
    try:
        # The slug is unique: no ordering to compile (a third of the query's cost).
        article = queryset.get(slug=slug, category__path=category_path)
    except Article.DoesNotExist:
        article = None
    if article is None:
        target = _old_address(request)
        if target:
            return redirect(target, permanent=True)
        article = get_object_or_404(queryset, slug=slug)
        _require_preview_right(request, article)
        return redirect(article, permanent=True)
    _require_preview_right(request, article)

    is_preview = not article.is_public
    parts = None if is_preview else fragments.cached_fragments(article)
    if parts is None:
        parts = fragments.render_fragments(request, article, related_articles=related_articles, is_preview=is_preview)
    response = render(
        request, "articles/article_detail.html", {"article": article, "is_preview": is_preview, "fragments": parts}
    )
    if is_preview:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
    else:
        # Read counting (reads.middleware) counts 200 responses that carry this header.
        response[ARTICLE_ID_HEADER] = str(article.pk)
        # The read counter it shows may lag by at most this (the flush_reads interval).
        response.cache_timeout = settings.ARTICLE_PAGE_CACHE_SECONDS
        # What this page shows, for newsroom.cache (a preview declares nothing: never cached).
        response.cache_tags = set(parts["tags"])
        if article.is_live:
            # Its posts (the live app invalidates this tag on every post, edit or deletion).
            response.cache_tags.add(f"live:{article.pk}")
    return response


class IdsFirstPaginator(Paginator):
    """Pages found on the ids first, then loaded whole, in one query.

    Sorting and skipping to a deep page (OFFSET) only touch the narrow
    (id, publish_at) rows, often straight from an index; the wide rows and their
    relations are read for the articles of the page alone. At 100 000 articles this
    keeps a section's last page about as cheap as its first (bench/README.md, "Scale").
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values("pk")[bottom:top]  # keeps the list's order
        rows = list(self.object_list.filter(pk__in=ids))
        return self._get_page(rows, number, self)


def _paginate(request, queryset):
    return IdsFirstPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def category_detail(request, category_path):
    category = Category.objects.select_related("parent").filter(path=category_path).first()
    if category is None:
        old = get_object_or_404(CategoryRedirect.objects.select_related("category"), old_path=category_path)
        return redirect(old.category, permanent=True)
    crumbs = [("Accueil", reverse("home"))]
    if category.parent_id:
        crumbs.append((category.parent.name, category.parent.get_absolute_url()))
    crumbs.append((category.name, category.get_absolute_url()))
    # The tree is two levels deep: only a region has sections to list.
    sections = list(category.children.order_by("position", "name")) if category.is_region else []
    # A region lists its own articles and those of all its sections. Plain category ids
    # (no join on the category table) let PostgreSQL walk article_category_idx in order.
    articles = (
        Article.objects.published()
        .filter(category_id__in=[category.pk, *(section.pk for section in sections)])
        .for_lists()
    )
    response = render(
        request,
        "articles/category_detail.html",
        {"category": category, "sections": sections, "page": _paginate(request, articles), "crumbs": crumbs},
    )
    response.cache_tags = {f"category:{category.pk}", "ads", *(f"category:{section.pk}" for section in sections)}
    return response


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = Article.objects.published().filter(article_authors__author=author).for_lists()
    response = render(request, "articles/author_detail.html", {"author": author, "page": _paginate(request, articles)})
    response.cache_tags = {f"author:{author.pk}", f"byline:{author.pk}", "ads"}
    return response


class OpenEndedPage:
    """A page of a list that is never counted: « Plus récents / Plus anciens » only.

    Exposes what the pagination templates use (``number``, ``has_next``, …) but no
    ``paginator``: there is no page count to show.
    """

    def __init__(self, object_list, number, has_next):
        self.object_list = object_list
        self.number = number
        self._has_next = has_next

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def _open_ended_page(request, articles):
    """The asked page of ``articles``, newest first, in one query and with no COUNT(*).

    One row more than a page is read to learn whether an older page exists. A page past
    the end is a 404; a page number that is not one gives the first page.
    """
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except (TypeError, ValueError):
        number = 1
    if number > MAX_OPEN_ENDED_PAGE:
        raise Http404("Cette page n’existe pas.")
    bottom = (number - 1) * PAGE_SIZE
    window = articles.order_by("-publish_at", "-pk").values("pk")[bottom : bottom + PAGE_SIZE + 1]
    # Loaded by id alone: repeating the list's filters here makes PostgreSQL redo them.
    rows = list(Article.objects.filter(pk__in=window).order_by("-publish_at", "-pk").for_lists())
    if not rows and number > 1:
        raise Http404("Cette page n’existe pas.")
    return OpenEndedPage(rows[:PAGE_SIZE], number, has_next=len(rows) > PAGE_SIZE)


def tag_detail(request, slug):
    """A tag's articles, newest first.

    The list is never counted, and its page is found by walking the newest articles
    (``ArticleQuerySet.tagged``): at 100 000 articles a popular tag holds thousands of
    them, and counting, then sorting them all made the page twice as slow as at 1 000
    (bench/README.md, "Scale").
    """
    tag = get_object_or_404(Tag, slug=slug)
    page = _open_ended_page(request, Article.objects.published().tagged(tag))
    if not page.object_list:
        # A tag used only by drafts must not reveal them, not even by its name.
        raise Http404("Aucun article public pour ce mot-clé.")
    response = render(request, "articles/tag_detail.html", {"tag": tag, "page": page})
    response.cache_tags = {f"tag:{tag.slug}", "ads"}
    return response
