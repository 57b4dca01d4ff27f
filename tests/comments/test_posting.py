"""Readers posting reactions through the real URL: what they see, what is stored."""

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from comments.forms import TOKEN_SALT, make_token
from comments.models import Reaction
from tests.comments.conftest import form_data, make_reaction, post_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def test_post_redirects_to_article_with_moderation_notice(client, article, no_words):
    response = client.post(post_url(article), form_data(article))
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}?reaction=merci#reactions"
    reaction = Reaction.objects.get()
    assert reaction.state == Reaction.State.PENDING
    assert reaction.email == "claire@example.org"
    assert reaction.transitions.get().to_state == Reaction.State.PENDING

    page = client.get(response["Location"])
    assert "Merci\u202f! Votre réaction sera publiée après modération." in html(page)
    assert "Merci pour cet article" not in html(page)  # pending: not shown


def test_post_with_javascript_gets_json(client, article, no_words):
    response = client.post(post_url(article), form_data(article), HTTP_ACCEPT="application/json")
    assert response.status_code == 201
    assert response.json()["notice"] == "Merci\u202f! Votre réaction sera publiée après modération."
    assert Reaction.objects.count() == 1


def test_invalid_email_error_keeps_input_and_stores_nothing(client, article):
    response = client.post(post_url(article), form_data(article, email="claire@", message="Mon avis détaillé"))
    assert response.status_code == 400
    page = html(response)
    assert "Adresse e-mail non valide" in page
    assert 'value="claire@"' in page
    assert "Mon avis détaillé" in page
    assert 'value="Claire Dubois"' in page
    assert Reaction.objects.count() == 0


def test_error_page_shows_the_article_and_is_not_a_read_nor_cached(client, article):
    response = client.post(post_url(article), form_data(article, email="x"))
    assert response.status_code == 400
    page = html(response)
    assert article.title in page
    assert f'href="{article.get_absolute_url()}"' in page  # back to the article
    assert "Réagir à cet article" in page and "Adresse e-mail non valide" in page
    assert "X-Article-Id" not in response
    assert "no-store" in response["Cache-Control"]


def test_invalid_email_in_json(client, article):
    data = form_data(article, email="pas-une-adresse")
    response = client.post(post_url(article), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["email"] == ["Adresse e-mail non valide"]


def test_empty_message(client, article):
    response = client.post(post_url(article), form_data(article, message="   \n "))
    assert response.status_code == 400
    assert "Merci d&#x27;écrire un message" in html(response)
    assert Reaction.objects.count() == 0


def test_missing_name(client, article):
    response = client.post(post_url(article), form_data(article, name=""), HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["name"] == ["Merci d'indiquer votre nom"]


def test_too_long_message_gives_the_count(client, article, settings):
    settings.REACTIONS_MESSAGE_MAX_LENGTH = 2000
    response = client.post(post_url(article), form_data(article, message="a" * 2345), HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["message"] == [
        "Message trop long\u202f: 2\u202f345 caractères pour 2\u202f000 au maximum"
    ]
    assert Reaction.objects.count() == 0


def test_same_message_again_is_refused(client, article, no_words):
    client.post(post_url(article), form_data(article, message="Bravo pour  ce reportage"))
    response = client.post(
        post_url(article), form_data(article, email="CLAIRE@example.org", message="  bravo POUR ce\nreportage ")
    )
    assert response.status_code == 400
    assert "Message déjà envoyé" in html(response)
    assert Reaction.objects.count() == 1


def test_same_message_on_another_article_or_by_another_reader_is_accepted(client, article, no_words):
    other = ArticleFactory()
    client.post(post_url(article), form_data(article))
    assert client.post(post_url(other), form_data(other)).status_code == 302
    assert client.post(post_url(article), form_data(article, email="paul@example.org")).status_code == 302
    assert Reaction.objects.count() == 3


def test_honeypot_filled_is_refused(client, article):
    response = client.post(post_url(article), form_data(article, website="http://spam.example"))
    assert response.status_code == 400
    assert "Envoi refusé." in html(response)
    assert Reaction.objects.count() == 0


def test_form_posted_too_fast_is_refused(client, article):
    response = client.post(post_url(article), form_data(article, age=1))
    assert response.status_code == 400
    assert "Envoi trop rapide" in html(response)
    assert Reaction.objects.count() == 0


def test_form_too_old_is_refused(client, article, settings):
    settings.REACTIONS_FORM_MAX_AGE = 4 * 3600
    with_old_token = form_data(article)
    # The signature's own timestamp is what expires: sign five hours ago.
    import time_machine

    with time_machine.travel(timezone.now() - timedelta(hours=5), tick=False):
        with_old_token["token"] = make_token(article.pk)
    response = client.post(post_url(article), with_old_token)
    assert response.status_code == 400
    assert "Le formulaire a expiré" in html(response)
    assert Reaction.objects.count() == 0


def test_tampered_token_is_refused(client, article):
    token = make_token(article.pk, now=time.time() - 60)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = client.post(post_url(article), form_data(article, token=forged))
    assert response.status_code == 400
    assert "Le formulaire n&#x27;est pas valide" in html(response)
    assert Reaction.objects.count() == 0


def test_token_with_an_earlier_timestamp_but_wrong_signature_is_refused(client, article):
    forged = signing.dumps({"a": article.pk, "t": int(time.time()) - 60}, salt=TOKEN_SALT, key="not-the-secret-key")
    response = client.post(post_url(article), form_data(article, token=forged))
    assert response.status_code == 400
    assert Reaction.objects.count() == 0


def test_token_of_another_article_is_refused(client, article):
    other = ArticleFactory()
    response = client.post(post_url(article), form_data(article, token=make_token(other.pk, now=time.time() - 60)))
    assert response.status_code == 400
    assert Reaction.objects.count() == 0


def test_missing_token_is_refused(client, article):
    response = client.post(post_url(article), form_data(article, token=""))
    assert response.status_code == 400
    assert Reaction.objects.count() == 0


def test_csrf_is_enforced(article):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(post_url(article), form_data(article))
    assert response.status_code == 403
    assert Reaction.objects.count() == 0


def test_get_is_not_allowed(client, article):
    assert client.get(post_url(article)).status_code == 405


@pytest.mark.parametrize(
    "status,publish_delta",
    [("draft", -1), ("review", -1), ("unpublished", -1), ("published", +1)],  # +1: scheduled, not yet public
)
def test_no_reactions_on_unpublished_articles(client, status, publish_delta):
    article = ArticleFactory(status=status, publish_at=timezone.now() + timedelta(hours=publish_delta))
    response = client.post(post_url(article), form_data(article))
    assert response.status_code == 404
    assert Reaction.objects.count() == 0


def test_rate_limit_per_email_answers_429(client, article, settings, no_words):
    settings.REACTIONS_RATE_PER_EMAIL = 5
    for n in range(5):
        assert client.post(post_url(article), form_data(article, message=f"Avis numéro {n}")).status_code == 302
    response = client.post(post_url(article), form_data(article, message="Un sixième avis"))
    assert response.status_code == 429
    assert "Merci de patienter quelques minutes" in html(response)
    assert response["Retry-After"] == "600"
    assert "Un sixième avis" in html(response)  # kept for later
    assert Reaction.objects.count() == 5


def test_rate_limit_per_ip_hash(client, article, settings, no_words):
    settings.REACTIONS_RATE_PER_IP = 3
    for n in range(3):
        data = form_data(article, email=f"lecteur{n}@example.org")
        assert client.post(post_url(article), data).status_code == 302
    data = form_data(article, email="autre@example.org")
    response = client.post(post_url(article), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 429
    assert Reaction.objects.count() == 3
    # Another address is not limited.
    data = form_data(article, email="x@example.org")
    assert client.post(post_url(article), data, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_ip_is_stored_only_as_salted_hash(client, article, no_words):
    client.post(post_url(article), form_data(article), REMOTE_ADDR="203.0.113.7")
    reaction = Reaction.objects.get()
    assert reaction.ip_hash and "203.0.113.7" not in reaction.ip_hash
    assert len(reaction.ip_hash) == 64


def test_trusted_commenter_is_published_at_once(client, article, no_words):
    for n in range(3):
        make_reaction(article, email="claire@example.org", message=f"Ancienne réaction {n}")
    response = client.post(post_url(article), form_data(article))
    assert response["Location"].endswith("?reaction=publiee#reactions")
    assert Reaction.objects.latest().state == Reaction.State.APPROVED
    page = html(client.get(response["Location"]))
    assert "Merci\u202f! Votre réaction est publiée." in page
    assert "Merci pour cet article très complet" in page


def test_closed_article_shows_notice_and_refuses_posts(client, settings):
    settings.REACTIONS_OPEN_DAYS = 7
    article = ArticleFactory(publish_at=timezone.now() - timedelta(days=8))
    page = html(client.get(article.get_absolute_url()))
    assert "Les réactions sont fermées pour cet article." in page
    assert "data-reactions-form" not in page
    response = client.post(post_url(article), form_data(article))
    assert response.status_code == 403
    assert Reaction.objects.count() == 0


def test_per_article_override_keeps_reactions_open(client, settings, no_words):
    settings.REACTIONS_OPEN_DAYS = 7
    article = ArticleFactory(publish_at=timezone.now() - timedelta(days=8), reactions_open_days=60)
    assert "data-reactions-form" in html(client.get(article.get_absolute_url()))
    assert client.post(post_url(article), form_data(article)).status_code == 302


def test_reactions_turned_off_by_editor(client):
    article = ArticleFactory(reactions_enabled=False)
    page = html(client.get(article.get_absolute_url()))
    assert "Les réactions sont fermées pour cet article." in page
    assert client.post(post_url(article), form_data(article)).status_code == 403


def test_banned_word_is_stored_rejected_and_never_shown(client, article, no_words):
    from comments.models import ModerationWord

    ModerationWord.objects.create(word="crétin", kind="banned")
    response = client.post(post_url(article), form_data(article, message="Quel CRETIN ce maire"))
    assert response.status_code == 302  # the reader is not told
    reaction = Reaction.objects.get()
    assert reaction.state == Reaction.State.REJECTED
    assert reaction.matched_words == ["cretin"]
    assert "CRETIN" not in html(client.get(article.get_absolute_url()))


def test_error_page_is_a_light_page_of_its_own(client, article, django_assert_max_num_queries):
    """A refused post answers with the comments app's own page, not the article view's."""
    client.get("/")  # the site's chrome (menu, alert, pages) is then in the cache, as on a live site
    with django_assert_max_num_queries(3):
        response = client.post(post_url(article), form_data(article, email="faux", message="Gardé tel quel"))
    assert response.status_code == 400
    page = html(response)
    assert f"<title>Réagir à «\u202f{article.title}\u202f»" in page  # French typography in the title
    assert "Gardé tel quel" in page and "Adresse e-mail non valide" in page
    assert "article lu" not in page  # not the article page (whose dateline counts reads)


@pytest.mark.parametrize(
    "payload",
    [
        {"t": "hier"},
        {"t": None},
        {"t": [1]},
        {"t": 1.5},
        {"t": True},
        {"t": float("nan")},
        {"t": 10**30},  # far in the future
        {"a": "ARTICLE"},  # the article's id as text
        {"a": None},
    ],
    ids=["text", "null", "list", "float", "bool", "nan", "future", "id-as-text", "no-id"],
)
def test_correctly_signed_token_with_a_wrong_shape_is_a_400(client, article, no_words, payload):
    """A token signed with the site's key but not written by make_token: refused, not a 500."""
    data = {"a": article.pk, "t": int(time.time()) - 60, **payload}
    if data["a"] == "ARTICLE":
        data["a"] = str(article.pk)
    token = signing.dumps(data, salt=TOKEN_SALT)
    response = client.post(post_url(article), form_data(article, token=token))
    assert response.status_code == 400
    assert "Le formulaire n&#x27;est pas valide" in html(response)
    assert Reaction.objects.count() == 0

    response = client.post(post_url(article), form_data(article, token=token), HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"] == [
        "Le formulaire n'est pas valide. Rechargez la page, puis envoyez votre message."
    ]
    assert response.json()["token"] != token  # a usable token replaces it
    assert Reaction.objects.count() == 0


# --- Invisible characters (issue 11, item 10) -----------------------------------

ZWSP, WORD_JOINER, SOFT_HYPHEN, RTL_MARK, BOM = "\u200b", "\u2060", "\u00ad", "\u200f", "\ufeff"


@pytest.mark.parametrize(
    "variant",
    [f"a@b.fr{ZWSP}", f"{BOM}a@b.fr", f"a{SOFT_HYPHEN}@b.fr", f"a@b{WORD_JOINER}.fr", "ａ@ｂ.fr", f"A@B.FR{RTL_MARK}"],
    ids=["zwsp", "bom", "soft-hyphen", "word-joiner", "full-width", "rtl-mark"],
)
def test_invisible_characters_do_not_make_a_new_address(client, article, no_words, variant):
    assert client.post(post_url(article), form_data(article, email="a@b.fr")).status_code == 302
    response = client.post(post_url(article), form_data(article, email=variant))
    assert response.status_code == 400
    assert "Message déjà envoyé" in html(response)
    assert list(Reaction.objects.values_list("email", flat=True)) == ["a@b.fr"]


def test_invisible_characters_do_not_get_around_the_per_address_limit(client, article, settings, no_words):
    settings.REACTIONS_RATE_PER_EMAIL = 2
    variants = ["a@b.fr", f"a@b.fr{ZWSP}", f"a@b.fr{ZWSP}{ZWSP}", f"{WORD_JOINER}a@b.fr"]
    statuses = [
        client.post(post_url(article), form_data(article, email=email, message=f"Avis {n}")).status_code
        for n, email in enumerate(variants)
    ]
    assert statuses == [302, 302, 429, 429]
    assert Reaction.objects.count() == 2
    assert set(Reaction.objects.values_list("email", flat=True)) == {"a@b.fr"}


@pytest.mark.parametrize("name", [ZWSP * 3, f"{WORD_JOINER}{ZWSP} {BOM}", "\u3000"])
def test_a_name_made_of_invisible_characters_is_no_name(client, article, name):
    response = client.post(post_url(article), form_data(article, name=name), HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["name"] == ["Merci d'indiquer votre nom"]
    assert Reaction.objects.count() == 0


def test_a_message_made_of_invisible_characters_is_no_message(client, article):
    response = client.post(post_url(article), form_data(article, message=f"{ZWSP}\n{ZWSP} {SOFT_HYPHEN}"))
    assert response.status_code == 400
    assert "Merci d&#x27;écrire un message" in html(response)
    assert Reaction.objects.count() == 0


def test_invisible_characters_do_not_make_a_new_message(client, article, no_words):
    client.post(post_url(article), form_data(article, message="Bravo pour ce reportage"))
    response = client.post(post_url(article), form_data(article, message=f"Bra{ZWSP}vo pour ce repor{SOFT_HYPHEN}tage"))
    assert response.status_code == 400
    assert "Message déjà envoyé" in html(response)


def test_stored_text_is_the_visible_text(client, article, no_words):
    client.post(post_url(article), form_data(article, name=f"Zoé{ZWSP} Martin", message=f"Très{WORD_JOINER} juste"))
    reaction = Reaction.objects.get()
    assert (reaction.name, reaction.message) == ("Zoé Martin", "Très juste")


def test_the_service_normalises_for_every_door(article, no_words):
    from comments.moderation import DuplicateReaction, ReactionRefused, reaction_submit

    reaction_submit(article=article, name="Zoé", email="a@b.fr", message="Un avis")
    with pytest.raises(DuplicateReaction):
        reaction_submit(article=article, name="Zoé", email=f"A@B.fr{ZWSP}", message=f"Un{ZWSP} avis")
    with pytest.raises(ReactionRefused):
        reaction_submit(article=article, name=ZWSP, email="c@d.fr", message="Autre avis")
    assert Reaction.objects.count() == 1
