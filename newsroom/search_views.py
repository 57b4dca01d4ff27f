"""The reader's search page (/recherche/?q=)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from .search import SearchForm, attach_highlights, search_articles, with_highlights

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
    paginator = Paginator(with_highlights(search_articles(query), query), RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = attach_highlights(list(page.object_list), query)
    context["page"] = page
    return render(request, "search.html", context)
