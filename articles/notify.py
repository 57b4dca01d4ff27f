"""Who hears of what in the newsroom: the editors learn that an article waits for them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from common.mail import mail_enqueue


def editors_emails() -> list[str]:
    """The active accounts that may publish (by group or by their own rights), with an e-mail."""
    right = {"codename": "publish_article", "content_type__app_label": "articles"}
    by_group = Q(**{f"groups__permissions__{key}": value for key, value in right.items()})
    by_user = Q(**{f"user_permissions__{key}": value for key, value in right.items()})
    users = get_user_model().objects.filter(is_active=True).filter(by_group | by_user | Q(is_superuser=True))
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def editors_notify_submitted(*, article, user) -> None:
    """One e-mail per editor, sent by a task after the submission commits."""
    who = user.get_full_name() or user.get_username()
    link = settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk])
    for email in editors_emails():
        mail_enqueue(
            subject=f"À relire : {article.title}",
            body=f"{who} a soumis « {article.title} » à la relecture.\n\nL'article : {link}\n",
            to=[email],
        )
