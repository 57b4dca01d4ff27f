"""The photo picker of the body's editor: a window listing the library.

django-prose-editor's Figure button opens ``pickerUrl`` with ``CKEditorFuncNum`` and
expects the window to call back ``window.opener.CKEDITOR.tools.callFunction`` with the
image's address and ``{"id", "alternative_text", "caption"}`` (static/admin/js/photo_picker.js
does it). The id lands in the figure's ``data-file``; readers get the library's
renditions, caption and credit (``articles.body``).
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from .models import Photo

PICKER_PAGE_SIZE = 24


@staff_member_required
@permission_required("articles.view_photo", raise_exception=True)
def photo_picker(request):
    query = request.GET.get("q", "").strip()[:100]
    photos = Photo.objects.order_by("-created_at")
    if query:
        photos = photos.filter(Q(caption__icontains=query) | Q(alt_text__icontains=query) | Q(credit__icontains=query))
    page = Paginator(photos, PICKER_PAGE_SIZE).get_page(request.GET.get("page"))
    items = []
    for photo in page:
        renditions = photo.rendition_urls("jpeg")
        items.append(
            {
                "photo": photo,
                "thumbnail": renditions[0][1] if renditions else "",
                "url": renditions[-1][1] if renditions else "",
            }
        )
    return render(
        request,
        "admin/articles/photo_picker.html",
        {
            "items": items,
            "page": page,
            "query": query,
            "func_num": request.GET.get("CKEditorFuncNum", ""),
            "title": "Choisir une photo de la photothèque",
        },
    )
