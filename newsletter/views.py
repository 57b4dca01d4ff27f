"""The readers' side of the newsletter: subscribe, confirm, unsubscribe."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from common.http import client_ip

from . import services
from .forms import SubscribeForm


def _page(request, template, context=None, status=200):
    response = render(request, template, context or {}, status=status)
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":
        return _page(request, "newsletter/subscribe.html", {"form": SubscribeForm()})
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _page(request, "newsletter/subscribe.html", {"form": form}, status=400)
    try:
        services.subscription_request(
            email=form.cleaned_data["email"], regions=list(form.cleaned_data["regions"]), client=client_ip(request)
        )
    except services.RateLimited:
        form.add_error(None, "Trop de demandes d'inscription : réessayez dans une heure.")
        return _page(request, "newsletter/subscribe.html", {"form": form}, status=429)
    return _page(request, "newsletter/check_inbox.html", {"email": form.cleaned_data["email"]})


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: a mail scanner that opens links confirms nothing."""
    try:
        email, regions = services.confirmation_read(token)
    except ValidationError as error:
        return _page(request, "newsletter/message.html", {"message": error.messages[0]}, status=400)
    if request.method != "POST":
        return _page(request, "newsletter/confirm.html", {"email": email, "regions": regions})
    services.subscription_confirm(token=token)
    return _page(
        request, "newsletter/message.html", {"message": "C'est fait : votre inscription est confirmée.", "done": True}
    )


@csrf_exempt  # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" without a cookie
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        subscriber = services.subscriber_from_token(token)
    except ValidationError as error:
        return _page(request, "newsletter/message.html", {"message": error.messages[0]}, status=400)
    if request.method != "POST":
        return _page(request, "newsletter/unsubscribe.html", {"email": subscriber.email})
    services.subscriber_unsubscribe(subscriber=subscriber)
    return _page(
        request,
        "newsletter/message.html",
        {"message": "Vous êtes désinscrit : vous ne recevrez plus notre lettre.", "done": True},
    )
