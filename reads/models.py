"""Read counting's tables. They moved here from ``articles`` with their rows: each keeps
its old table name (``db_table``), so that the move was a change of Django's state only
and workers still running the old code during a deploy kept counting into the same
tables (see ``reads/migrations/0001_initial.py``).
"""

from django.db import models
from django.utils import timezone


class ReadDay(models.Model):
    """Reads of one article on one day (Europe/Paris): feeds "Les plus lus"."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="daily_reads")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "articles_readday"
        verbose_name = "lectures du jour"
        verbose_name_plural = "lectures par jour"
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="readday_article_day_unique")]
        indexes = [models.Index(fields=["day", "article"], name="readday_day_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.count}"


class ReaderMark(models.Model):
    """ "This reader was counted for this article until ``until``": the dedupe store.

    ``reader`` is a keyed hash (never a raw IP or cookie). One row per (article,
    reader): a returning reader reuses it, and ``flush_reads`` deletes expired rows,
    so the table holds about one window's worth of readers.

    Written on every read, so it carries nothing but its primary key: no foreign-key
    constraint (its check would lock the article row, the hottest row of the site,
    once more per read), no index on ``until`` (the purge scans a small table once a
    minute; without the index an expired mark is renewed by a HOT update). A mark of
    a deleted article is harmless and expires like the others.
    """

    pk = models.CompositePrimaryKey("article", "reader")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    reader = models.CharField(max_length=32)
    until = models.BigIntegerField(help_text="Fin de la fenêtre (secondes depuis l'époque Unix).")

    class Meta:
        db_table = "articles_readermark"
        verbose_name = "lecteur compté"
        verbose_name_plural = "lecteurs comptés"

    def __str__(self):
        return f"{self.article_id} {self.reader}"


class FlushedBatch(models.Model):
    """A Redis batch already written to the database, recorded in the same transaction.

    A crash after the commit but before the batch is deleted from Redis leaves the
    batch behind; the next ``flush_reads`` finds its id here and drops it instead of
    counting it twice.
    """

    batch_id = models.CharField(max_length=64, primary_key=True)
    flushed_at = models.DateTimeField(default=timezone.now)
    reads = models.PositiveBigIntegerField(default=0)

    class Meta:
        db_table = "articles_flushedbatch"
        verbose_name = "lot de lectures écrit"
        verbose_name_plural = "lots de lectures écrits"

    def __str__(self):
        return self.batch_id


class NetworkQuota(models.Model):
    """Reads one network has added to one article in the current window (``READS_NETWORK_CAP``).

    A network is a keyed hash of the client's address (an IPv6 /64: one subscriber's
    prefix), never the address itself. Rotating User-Agents or cookies makes new
    readers, not new networks: past the cap, a network's reads of the article are not
    counted until the window ends. Like ``ReaderMark``, written on counted reads only,
    so it carries nothing but its primary key; ``flush_reads`` purges expired rows.
    """

    pk = models.CompositePrimaryKey("article", "network")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    network = models.CharField(max_length=32)
    until = models.BigIntegerField(help_text="Fin de la fenêtre (secondes depuis l'époque Unix).")
    used = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "quota d'un réseau"
        verbose_name_plural = "quotas des réseaux"

    def __str__(self):
        return f"{self.article_id} {self.network}: {self.used}"
