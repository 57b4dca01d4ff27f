"""The reader's search page (/recherche/?q=)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from .search import SearchForm, page_articles, search_articles

RESULTS_PER_PAGE = 20


def search(request):
    """Any query gets a page: a form error (400) or results, possibly none (200)."""
    form = SearchForm(request.GET)
    context = {"form": form, "query": "", "page": None, "message": ""}
    if not form.is_valid():
        context["message"] = " ".join(form.errors["q"])
        return render(request, "search.html", context, status=400)
    query = form.cleaned_data["q"]
    context["query"] = query
    if not query:
        return render(request, "search.html", context)
    if not form.words:
        context["message"] = "Saisissez au moins un mot (des lettres ou des chiffres) pour lancer la recherche."
        return render(request, "search.html", context)
    results = search_articles(query)
    page = Paginator(results.items, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = page_articles(page.object_list, query)
    # Capped: more articles matched than were ranked; the page says « plus de 500 ».
    context.update(page=page, capped=results.capped)
    return render(request, "search.html", context)
