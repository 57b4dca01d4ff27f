"""Live coverage ("En direct"): the timestamped posts of an article that is a live.

Whether an article is a live is the article's own field (``Article.live``), so that
lists print "EN DIRECT" without a query; its posts live here. A post is never removed
from the database: a deletion hides it (``deleted_at``), and every change (posted,
edited, pinned, unpinned, deleted) leaves a ``LivePostChange`` row with who and when.
"""

import html

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django_prose_editor.fields import ProseEditorField

from articles.models import Article
from articles.sanitize import EDITOR_EXTENSIONS, sanitize_html

# The quick form's editor: a post is a few lines (links, bold, lists, a quote, a photo of
# the library; an address alone in its paragraph becomes an embed, as in an article).
POST_EXTENSIONS = {
    name: EDITOR_EXTENSIONS[name]
    for name in (
        "Bold",
        "Italic",
        "BulletList",
        "OrderedList",
        "ListItem",
        "Blockquote",
        "HardBreak",
        "Link",
        "History",
        "Figure",
        "Image",
        "Caption",
    )
}


def plain_text(body: str) -> str:
    """A post's sanitised HTML as the words it shows (JSON-LD, the admin, the empty check)."""
    text = strip_tags(body.replace("</p>", "</p> ").replace("<br>", " ").replace("</li>", "</li> "))
    return " ".join(html.unescape(text).split())


class LivePostQuerySet(models.QuerySet):
    def visible(self):
        """What readers see: not deleted."""
        return self.filter(deleted_at__isnull=True)

    def newest_first(self):
        return self.order_by("-created_at", "-pk")


class LivePost(models.Model):
    article = models.ForeignKey(Article, verbose_name="direct", on_delete=models.CASCADE, related_name="live_posts")
    body = ProseEditorField("message", config={"extensions": POST_EXTENSIONS}, sanitize=sanitize_html)
    pinned = models.BooleanField(
        "message clé", default=False, help_text="Épinglé en tête du direct, au-dessus des messages."
    )
    signature = models.CharField(
        "signé",
        max_length=120,
        blank=True,
        help_text="Le nom du journaliste au moment du message (sa fiche d'auteur, sinon son nom).",
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="publié par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("publié le", default=timezone.now)
    # Moves with every change of the post (edit, pin, deletion): the live's version
    # (its ETag) is the number of posts and the latest of these.
    changed_at = models.DateTimeField("modifié le", default=timezone.now, editable=False)
    edited_at = models.DateTimeField("corrigé le", null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField("supprimé le", null=True, blank=True, editable=False)

    objects = LivePostQuerySet.as_manager()

    class Meta:
        verbose_name = "message du direct"
        verbose_name_plural = "messages des directs"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["article", "-created_at"], name="livepost_feed_idx")]

    def __str__(self):
        return Truncator(self.text).chars(60) or f"Message {self.pk}"

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#message-{self.pk}"

    @property
    def anchor(self):
        return f"message-{self.pk}"

    @property
    def text(self):
        """The post as plain text (JSON-LD, the admin's lists)."""
        return plain_text(self.body)


class LivePostChange(models.Model):
    """The trace of a post: who posted, edited, pinned or deleted it, and when."""

    class Action(models.TextChoices):
        POSTED = "posted", "Publié"
        EDITED = "edited", "Modifié"
        PINNED = "pinned", "Épinglé"
        UNPINNED = "unpinned", "Désépinglé"
        DELETED = "deleted", "Supprimé"

    post = models.ForeignKey(LivePost, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField("action", max_length=10, choices=Action.choices)
    previous_body = models.TextField("texte avant", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "trace d'un message"
        verbose_name_plural = "traces des messages"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.post_id})"
