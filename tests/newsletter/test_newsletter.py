"""The morning newsletter, from the reader's form to the digest in a real SMTP server."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from common.text import normalise_email
from newsletter.models import Subscriber
from newsletter.services import CONFIRM_SALT, unsubscribe_url
from tests.conftest import run_worker
from tests.factories import ArticleFactory, RegionFactory, SectionFactory, editor, journalist, moderator

# Real commits: e-mails are queued after the commit (common.mail), as in production.
pytestmark = pytest.mark.django_db(transaction=True)

URL = "/newsletter/"


@pytest.fixture
def regions():
    isere, savoie = RegionFactory(name="Isère", slug="isere"), RegionFactory(name="Savoie", slug="savoie")
    return isere, savoie


@pytest.fixture(autouse=True)
def _https_site(settings):
    settings.SITE_URL = "https://www.courrier-des-alpes.example"


def confirmation_link(inbox):
    (message,) = inbox.messages()
    return re.search(r"https://\S+/newsletter/confirmer/\S+/", message.get_content()).group(0)


def subscribe(client, inbox, email, regions):
    response = client.post(URL, {"email": email, "regions": [region.pk for region in regions]})
    assert response.status_code == 200, response.content
    link = confirmation_link(inbox)
    path = link.removeprefix("https://www.courrier-des-alpes.example")
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    inbox.envelopes.clear()
    return Subscriber.objects.get(email=normalise_email(email))


def test_double_opt_in_stores_nothing_before_the_click(client, smtp_server, regions):
    isere, _ = regions
    page = client.get(URL)
    assert page.status_code == 200
    assert "Isère" in page.content.decode()
    response = client.post(URL, {"email": "lectrice@example.fr", "regions": [isere.pk]})
    assert response.status_code == 200
    assert "lectrice@example.fr" in response.content.decode()
    assert Subscriber.objects.count() == 0
    (message,) = smtp_server.messages()
    assert message["To"] == "lectrice@example.fr"
    assert "Confirmez votre inscription" in message["Subject"]
    path = confirmation_link(smtp_server).removeprefix("https://www.courrier-des-alpes.example")
    confirm_page = client.get(path)
    assert "Je confirme mon inscription" in confirm_page.content.decode()
    assert Subscriber.objects.count() == 0  # a scanner opening the link confirms nothing
    before = timezone.now()
    assert client.post(path).status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lectrice@example.fr"
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert list(subscriber.regions.all()) == [isere]
    assert subscriber.consent_at >= before


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"email": "pas-une-adresse", "regions": "REGION"}, 400, "Adresse e-mail non valide"),
        ({"email": "", "regions": "REGION"}, 400, "Merci d&#x27;indiquer votre adresse e-mail"),
        ({"email": "a@example.fr"}, 400, "Choisissez au moins une région"),
        ({"email": "a@example.fr", "regions": "999999"}, 400, "Région inconnue"),
        ({"email": "a@example.fr", "regions": "abc"}, 400, "Région inconnue"),
        ({"email": "a@example.fr", "regions": "REGION", "website": "http://spam"}, 400, "Envoi refusé."),
        # A NUL byte never reaches the form: the site-wide guard answers its French 400.
        ({"email": "a@ex\x00ample.fr", "regions": "REGION"}, 400, "Erreur 400"),
    ],
)
def test_bad_input_gets_a_french_4xx_and_sends_nothing(client, smtp_server, regions, data, status, message):
    data = {key: (str(regions[0].pk) if value == "REGION" else value) for key, value in data.items()}
    response = client.post(URL, data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert Subscriber.objects.count() == 0
    assert smtp_server.envelopes == []


def test_invisible_characters_do_not_make_another_address(client, smtp_server, regions):
    subscriber = subscribe(client, smtp_server, "a@example.fr\u200b", [regions[0]])
    assert subscriber.email == "a@example.fr"
    again = subscribe(client, smtp_server, "A@EXAMPLE.FR", [regions[1]])
    assert again.pk == subscriber.pk
    assert list(again.regions.all()) == [regions[1]]


def test_too_many_requests_from_one_address_is_429(client, smtp_server, regions, settings):
    settings.NEWSLETTER_RATE_PER_IP = 2
    statuses = [
        client.post(URL, {"email": f"n{index}@example.fr", "regions": [regions[0].pk]}).status_code
        for index in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert len(smtp_server.envelopes) == 2


def test_one_address_gets_few_confirmation_mails(client, smtp_server, regions, settings):
    settings.NEWSLETTER_RATE_PER_EMAIL = 1
    first = client.post(URL, {"email": "cible@example.fr", "regions": [regions[0].pk]})
    second = client.post(URL, {"email": "cible@example.fr", "regions": [regions[0].pk]}, REMOTE_ADDR="192.0.2.9")
    assert (first.status_code, second.status_code) == (200, 429)
    assert "réessayez" in second.content.decode()


def test_tampered_or_expired_confirmation_links_are_refused(client, regions):
    token = signing.dumps({"e": "a@example.fr", "r": [regions[0].pk]}, salt=CONFIRM_SALT)
    response = client.post(f"/newsletter/confirmer/{token[:-2]}xx/")
    assert response.status_code == 400
    assert "n&#x27;est pas valide" in response.content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        expired = client.post(f"/newsletter/confirmer/{token}/")
    assert expired.status_code == 400
    assert "a expiré" in expired.content.decode()
    assert Subscriber.objects.count() == 0


def _articles(regions):
    isere, savoie = regions
    return (
        ArticleFactory(title="Le tram E prolongé jusqu'au Fontanil", category=SectionFactory(parent=isere)),
        ArticleFactory(title="Chambéry rénove ses halles", category=SectionFactory(parent=savoie)),
    )


def test_digest_of_the_subscriber_s_regions_with_one_click_unsubscribe(client, smtp_server, regions):
    isere_story, savoie_story = _articles(regions)
    subscriber = subscribe(client, smtp_server, "matin@example.fr", [regions[0]])
    call_command("send_newsletter")
    (message,) = smtp_server.messages()
    assert message["To"] == "matin@example.fr"
    url = unsubscribe_url(subscriber)
    assert url.startswith("https://")
    assert message["List-Unsubscribe"].strip() == f"<{url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    for body in (text, html):
        assert isere_story.title.replace("'", "&#x27;" if body is html else "'") in body
        assert savoie_story.title not in body
        assert url in body
    # RFC 8058: the mail client POSTs, without cookie nor CSRF token.
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        url.removeprefix("https://www.courrier-des-alpes.example"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_at_most_one_digest_per_subscriber_per_day(client, smtp_server, regions):
    _articles(regions)
    subscribe(client, smtp_server, "matin@example.fr", list(regions))
    call_command("send_newsletter")
    call_command("send_newsletter")
    assert len(smtp_server.envelopes) == 1
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        ArticleFactory(category=SectionFactory(parent=regions[0]))
        call_command("send_newsletter")
    assert len(smtp_server.envelopes) == 2


def test_unsubscribed_and_unconfirmed_readers_get_nothing(client, smtp_server, regions):
    _articles(regions)
    subscriber = subscribe(client, smtp_server, "parti@example.fr", [regions[0]])
    client.post(unsubscribe_url(subscriber).removeprefix("https://www.courrier-des-alpes.example"))
    client.post(URL, {"email": "jamais-confirme@example.fr", "regions": [regions[0].pk]})
    smtp_server.envelopes.clear()
    call_command("send_newsletter")
    assert smtp_server.envelopes == []


def worker():
    """``db_worker`` takes its tasks inside a transaction; so does this stand-in."""
    with transaction.atomic():
        return run_worker()


def test_a_relay_down_loses_no_digest(client, smtp_server, regions, settings):
    _articles(regions)
    subscribe(client, smtp_server, "patient@example.fr", [regions[0]])
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as in production
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens there: refused
    call_command("send_newsletter")
    assert worker() == 1
    assert Subscriber.objects.get().last_digest_on is None  # given back, to be sent later
    settings.EMAIL_PORT = port
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert worker() == 1
    assert len(smtp_server.envelopes) == 1
    assert Subscriber.objects.get().last_digest_on == timezone.localdate()


def test_unsubscribe_link_tampered_is_400(client):
    response = client.post("/newsletter/desinscription/abc/")
    assert response.status_code == 400
    assert "pas valide" in response.content.decode()


# The editors' list.


@pytest.fixture
def subscribers(regions):
    one = Subscriber.objects.create(email="un@example.fr")
    one.regions.add(regions[0])
    return [one]


@pytest.mark.parametrize(("role", "status"), [(editor, 200), (journalist, 403), (moderator, 403)])
def test_only_editors_see_the_subscribers(client, subscribers, role, status):
    client.force_login(role())
    assert client.get("/admin/newsletter/subscriber/").status_code == status


def test_editors_export_and_erase(client, subscribers):
    client.force_login(editor())
    pk = subscribers[0].pk
    export = client.post("/admin/newsletter/subscriber/", {"action": "export_csv", "_selected_action": [pk]})
    assert export["Content-Type"].startswith("text/csv")
    assert "un@example.fr" in export.content.decode()
    client.post("/admin/newsletter/subscriber/", {"action": "erase_selected", "_selected_action": [pk]})
    assert not Subscriber.objects.exists()
