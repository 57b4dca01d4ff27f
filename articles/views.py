from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from .models import Article, ArticleRedirect, Author, Category, CategoryRedirect


def _old_address(request):
    """The current address of a renamed article or category, or None."""
    found = ArticleRedirect.objects.select_related("article__category").filter(old_path=request.path).first()
    if found:
        return found.article.get_absolute_url()
    return None


def article_detail(request, category_path, slug):
    queryset = Article.objects.select_related("category__parent", "lead_photo")
    if not request.user.is_staff:
        queryset = queryset.published()
    article = queryset.filter(slug=slug, category__path=category_path).first()
    if article is None:
        target = _old_address(request)
        if target:
            return redirect(target, permanent=True)
        article = get_object_or_404(queryset, slug=slug)
        return redirect(article, permanent=True)
    response = render(request, "articles/article_detail.html", {"article": article})
    if article.is_public:
        # Read counting (articles.middleware) counts 200 responses that carry this header.
        response["X-Article-Id"] = str(article.pk)
    return response


def category_detail(request, category_path):
    category = Category.objects.filter(path=category_path).first()
    if category is None:
        old = get_object_or_404(CategoryRedirect.objects.select_related("category"), old_path=category_path)
        return redirect(old.category, permanent=True)
    articles = Article.objects.published().in_category(category).for_lists()
    page = Paginator(articles, 20).get_page(request.GET.get("page"))
    return render(request, "articles/category_detail.html", {"category": category, "page": page})


def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().filter(authors=author).for_lists()
    page = Paginator(articles, 20).get_page(request.GET.get("page"))
    return render(request, "articles/author_detail.html", {"author": author, "page": page})
