"""Moderation services: the only place where a reaction is created or changes state.

The public views, the admin actions, the management command and the tests call these
functions, so that a rule (word lists, trust, rate limits, reports, audit trail) holds
whichever door a change comes through.

States: pending → approved | rejected | spam; approved → removed. Reports send an
approved reaction back to pending (the system, not a moderator, makes that move);
approving a published reaction that has open reports keeps it and settles them.
"""

import hashlib
import hmac
import ipaddress
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from common.french import fold
from common.mail import RETRY_DELAYS, mail_enqueue
from common.site import site_url
from common.text import normalise_email, visible_text

from .models import (
    ModerationWord,
    Reaction,
    ReactionReport,
    ReactionTransition,
    message_digest,
)

State = Reaction.State

MODERATOR_GROUPS = ("Modérateurs", "Rédaction en chef")

# Which moves a moderator may make; approved → pending is reserved to reports.
MODERATOR_MOVES = {
    State.PENDING: {State.APPROVED, State.REJECTED, State.SPAM},
    State.APPROVED: {State.REMOVED},
}


# --- Errors the views turn into French messages -------------------------------------


class ReactionRefused(Exception):
    """A post that is not stored; ``message`` is shown to the reader."""

    message = "Votre réaction n'a pas pu être enregistrée."
    field = None

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class ReactionsClosed(ReactionRefused):
    message = "Les réactions sont fermées pour cet article."


class DuplicateReaction(ReactionRefused):
    message = "Message déjà envoyé"
    field = "message"


class RateLimited(ReactionRefused):
    message = (
        "Vous avez envoyé beaucoup de réactions en peu de temps. "
        "Merci de patienter quelques minutes avant de réagir à nouveau."
    )

    def __init__(self, retry_after: int):
        super().__init__()
        self.retry_after = retry_after


class ReportsRateLimited(RateLimited):
    message = (
        "Vous avez envoyé beaucoup de signalements en peu de temps. "
        "Merci de patienter avant de signaler une autre réaction."
    )


class InvalidTransition(ValidationError):
    pass


# --- Who may moderate, when reactions are open --------------------------------------


def user_can_moderate(user) -> bool:
    return bool(user and user.is_active and user.has_perm("comments.moderate_reaction"))


def reactions_close_at(article: Article) -> datetime | None:
    """When the form disappears: N days after first publication (per-article override)."""
    published = article.first_published_at or article.publish_at
    if published is None:
        return None
    days = article.reactions_open_days
    if days is None:
        days = settings.REACTIONS_OPEN_DAYS
    return published + timedelta(days=days)


def reactions_open(article: Article, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if not article.reactions_enabled or not article.is_public:
        return False
    close_at = reactions_close_at(article)
    return close_at is not None and now < close_at


# --- Personal data ------------------------------------------------------------------


def _salted(value: str) -> str:
    salt = settings.REACTIONS_IP_SALT or settings.SECRET_KEY
    return hmac.new(salt.encode(), value.encode(), hashlib.sha256).hexdigest()


def ip_hash(ip: str) -> str:
    """IP addresses are only ever stored as a salted hash."""
    return _salted(f"ip:{ip}") if ip else ""


def network_of(ip: str) -> str:
    """The network a reader reports from: an IPv4 address, or the /64 of an IPv6 one.

    An IPv6 household or phone gets a whole /64 and may rotate addresses inside it, so
    the prefix is what stands for one reader there.
    """
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ip
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def reporter_hash(ip: str) -> str:
    """One reporter per network: salted hash of the address (its /64 for IPv6).

    Not the browser: one person switching User-Agents must stay one reporter, or a
    single address could send any reaction back to the queue alone.
    """
    return _salted(f"reporter:{network_of(ip)}")


# --- Word lists ---------------------------------------------------------------------


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original one.

    Folding can change lengths ("ß" → "ss", "é" → "e" + a dropped accent), so matches
    found in the folded text are mapped back to highlight the original text.
    """
    out, positions = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            out.append(folded_char)
            positions.append(index)
    return "".join(out), positions


def _pattern(folded_word: str) -> re.Pattern:
    parts = [re.escape(part) for part in folded_word.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


@dataclass(frozen=True)
class WordMatches:
    banned: list[str]
    suspect: list[str]

    @property
    def all(self):
        return self.banned + self.suspect


def match_words(text: str, words=None) -> WordMatches:
    """The listed words found in ``text``, ignoring case and accents, on word boundaries."""
    folded, _ = _folded_with_map(text)
    if words is None:
        words = ModerationWord.objects.values_list("folded", "kind")
    banned, suspect = [], []
    for folded_word, kind in words:
        if folded_word and _pattern(folded_word).search(folded):
            (banned if kind == ModerationWord.Kind.BANNED else suspect).append(folded_word)
    return WordMatches(banned=sorted(banned), suspect=sorted(suspect))


def highlight(text: str, folded_words) -> SafeString:
    """``text`` escaped, with the listed words wrapped in <mark> (for the moderators)."""
    folded, positions = _folded_with_map(text)
    spans = []
    for folded_word in folded_words:
        for found in _pattern(folded_word).finditer(folded):
            spans.append((positions[found.start()], positions[found.end() - 1] + 1))
    spans.sort()
    pieces, cursor = [], 0
    for start, end in spans:
        if start < cursor:
            continue
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(escape(text[cursor:]))
    return mark_safe("".join(pieces))


# --- Commenters ---------------------------------------------------------------------


def commenter_history(email: str) -> dict:
    """How many reactions of this e-mail were approved, and how many refused."""
    counts = Reaction.objects.by_commenter(email).aggregate(
        approved=Count("pk", filter=Q(state=State.APPROVED)),
        refused=Count("pk", filter=Q(state__in=[State.REJECTED, State.SPAM, State.REMOVED])),
    )
    return {"approved": counts["approved"] or 0, "refused": counts["refused"] or 0}


def commenter_is_trusted(email: str) -> bool:
    """At least N approved and nothing refused. A reaction removed after approval counts
    as refused: a moderator had to take it down."""
    history = commenter_history(email)
    return history["refused"] == 0 and history["approved"] >= settings.REACTIONS_TRUSTED_AFTER


# --- Rate limits --------------------------------------------------------------------


def _hit(key: str, window: int) -> int:
    """Fixed-window counter in the shared cache (Redis in production)."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def _check_rate_limits(*, email: str, ip_digest: str) -> None:
    window = settings.REACTIONS_RATE_WINDOW
    checks = [(f"reactions:rate:email:{hashlib.sha256(email.encode()).hexdigest()}", settings.REACTIONS_RATE_PER_EMAIL)]
    if ip_digest:
        checks.append((f"reactions:rate:ip:{ip_digest}", settings.REACTIONS_RATE_PER_IP))
    over = False
    for key, limit in checks:
        if _hit(key, window) > limit:
            over = True
    if over:
        raise RateLimited(retry_after=window)


def _check_report_rate(reporter: str) -> None:
    window = settings.REACTIONS_REPORT_RATE_WINDOW
    if _hit(f"reactions:rate:report:{reporter}", window) > settings.REACTIONS_REPORT_RATE_PER_NETWORK:
        raise ReportsRateLimited(retry_after=window)


# --- Transitions --------------------------------------------------------------------


def _count_approved(article_id: int, delta: int) -> None:
    """Keep Article.reactions_count, shown in datelines and lists, in step (atomic UPDATE)."""
    if delta:
        Article.objects.filter(pk=article_id).update(reactions_count=F("reactions_count") + int(delta))


def reactions_recount(*, articles=None) -> int:
    """Recompute Article.reactions_count from the rows (after a bulk import); returns rows updated."""
    approved = (
        Reaction.objects.approved()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = Article.objects.all() if articles is None else articles
    return queryset.update(reactions_count=Coalesce(Subquery(approved), 0))


def _move(*, reaction: Reaction, to: str, user, note: str = "", system: bool = False) -> Reaction:
    if not system and not user_can_moderate(user):
        raise PermissionDenied("Seuls les modérateurs et la rédaction en chef modèrent les réactions.")
    with transaction.atomic():
        current = Reaction.objects.select_for_update().get(pk=reaction.pk)
        allowed = MODERATOR_MOVES.get(current.state, set())
        if system and current.state == State.APPROVED:
            allowed = allowed | {State.PENDING}
        settles_reports = (
            not system and to == current.state == State.APPROVED and current.reports.filter(resolved=False).exists()
        )
        if settles_reports:
            # Approving a published reaction that readers reported keeps it online and
            # settles the reports: those reporters cannot send it back to the queue.
            allowed = allowed | {State.APPROVED}
            note = note or "Signalements écartés"
        if to not in allowed:
            raise InvalidTransition(
                f"Une réaction « {current.get_state_display().lower()} » ne peut pas passer à "
                f"« {State(to).label.lower()} »."
            )
        now = timezone.now()
        transition_from = current.state
        ReactionTransition.objects.create(
            reaction=current, from_state=current.state, to_state=to, by=None if system else user, at=now, note=note
        )
        current.state = to
        current.moderated_at = now
        current.moderated_by = None if system else user
        current.save(update_fields=["state", "moderated_at", "moderated_by"])
        _count_approved(current.article_id, int(to == State.APPROVED) - int(transition_from == State.APPROVED))
        if to == State.APPROVED:
            current.reports.filter(resolved=False).update(resolved=True)
    _queue_alert_reset_if_below()
    reaction.state, reaction.moderated_at, reaction.moderated_by = current.state, now, current.moderated_by
    return reaction


def reaction_approve(*, reaction: Reaction, user) -> Reaction:
    return _move(reaction=reaction, to=State.APPROVED, user=user)


def reaction_reject(*, reaction: Reaction, user, note: str = "") -> Reaction:
    return _move(reaction=reaction, to=State.REJECTED, user=user, note=note)


def reaction_mark_spam(*, reaction: Reaction, user) -> Reaction:
    return _move(reaction=reaction, to=State.SPAM, user=user)


def reaction_remove(*, reaction: Reaction, user, note: str = "") -> Reaction:
    return _move(reaction=reaction, to=State.REMOVED, user=user, note=note)


# --- Readers ------------------------------------------------------------------------


def reaction_submit(
    *,
    article: Article,
    name: str,
    email: str,
    message: str,
    ip_digest: str = "",
    now: datetime | None = None,
) -> Reaction:
    """Store a reader's reaction in the state the rules give it, or raise ReactionRefused.

    A refused post stores nothing. Checks run cheapest first; the unique constraint on
    the normalised message settles races between identical concurrent posts.
    """
    now = now or timezone.now()
    # The form normalised already; the service holds the rule for every other door.
    name, email, message = visible_text(name).strip(), normalise_email(email), visible_text(message).strip()
    if not name or not message:
        raise ReactionRefused("Merci d'indiquer votre nom et d'écrire un message.")
    if not reactions_open(article, now):
        raise ReactionsClosed()
    digest = message_digest(message)
    if Reaction.objects.filter(article=article, email=email, message_hash=digest).exists():
        raise DuplicateReaction()
    _check_rate_limits(email=email, ip_digest=ip_digest)

    words = match_words(f"{name}\n{message}")
    if words.banned:
        state, note = State.REJECTED, "Mot interdit : " + ", ".join(words.banned)
    elif words.suspect:
        state, note = State.PENDING, "Mot suspect : " + ", ".join(words.suspect)
    elif commenter_is_trusted(email):
        state, note = State.APPROVED, "Commentateur de confiance"
    else:
        state, note = State.PENDING, ""

    reaction = Reaction(
        article=article,
        name=name,
        email=email,
        message=message,
        ip_hash=ip_digest,
        state=state,
        matched_words=words.all,
        created_at=now,
        moderated_at=now if state != State.PENDING else None,
    )
    try:
        with transaction.atomic():
            reaction.save()
            ReactionTransition.objects.create(reaction=reaction, from_state="", to_state=state, at=now, note=note)
            _count_approved(article.pk, 1 if state == State.APPROVED else 0)
    except IntegrityError as error:
        if Reaction.objects.filter(article=article, email=email, message_hash=digest).exists():
            raise DuplicateReaction() from error
        raise
    if state == State.PENDING:
        queue_alert_check()
    return reaction


def reaction_report(*, reaction: Reaction, reason: str, reporter: str) -> tuple[ReactionReport, bool]:
    """A reader's report; after K distinct open reports the reaction goes back to the queue.

    ``reporter`` is the reporter_hash of the reader's network. Returns (report, created):
    a second report from the same network changes nothing, even after a moderator has
    approved the reaction again (its reports are then resolved but kept), so the same
    reporters cannot hide it twice; new reporters still can. Each network may file
    REACTIONS_REPORT_RATE_PER_NETWORK reports per window, else ReportsRateLimited.
    """
    if reason not in ReactionReport.Reason.values:
        raise ValidationError("Motif de signalement inconnu.")
    if reaction.state != State.APPROVED:
        raise InvalidTransition("Seule une réaction publiée peut être signalée.")
    _check_report_rate(reporter)
    try:
        with transaction.atomic():
            report = ReactionReport.objects.create(reaction=reaction, reason=reason, reporter_hash=reporter)
    except IntegrityError:
        return ReactionReport.objects.get(reaction=reaction, reporter_hash=reporter), False
    open_reports = reaction.reports.filter(resolved=False).count()
    if open_reports >= settings.REACTIONS_REPORTS_THRESHOLD:
        try:
            _move(
                reaction=reaction,
                to=State.PENDING,
                user=None,
                system=True,
                note=f"Signalée {open_reports} fois",
            )
        except InvalidTransition:
            pass  # another report already sent it back
        else:
            queue_alert_check()
    return report, True


# --- The moderators' queue ----------------------------------------------------------

ALERT_KEY = "reactions:queue-alert-sent"
ALERT_PENDING_KEY = "reactions:queue-alert-queued"


def queue_size() -> int:
    return Reaction.objects.in_moderation().count()


def moderator_emails() -> list[str]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True, groups__name="Modérateurs").exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def queue_alert_check() -> bool:
    """Queue one e-mail to the moderators when the queue reaches the threshold.

    The "sent" flag in the shared cache is set by the mail task once the message has
    gone (``queue_alert_sent``), and keeps it to one message until the queue drops below
    the threshold again (or the flag expires, as a reminder); a "queued" flag keeps the
    posts that arrive meanwhile from queueing another.
    """
    threshold = settings.REACTIONS_QUEUE_ALERT
    if not threshold:
        return False
    size = queue_size()
    if size < threshold or cache.get(ALERT_KEY) is not None:
        return False
    if not cache.add(ALERT_PENDING_KEY, size, timeout=sum(RETRY_DELAYS)):
        return False
    recipients = moderator_emails()
    if not recipients:
        cache.delete(ALERT_PENDING_KEY)
        return False
    url = site_url() + reverse("admin:comments_reaction_changelist") + "?state__exact=pending"
    mail_enqueue(
        subject=f"[{settings.SITE_NAME}] {size} réactions attendent une modération",
        body=(
            f"Bonjour,\n\n{size} réactions de lecteurs attendent une modération "
            f"(seuil d'alerte : {threshold}).\n\nLa file : {url}\n"
        ),
        to=recipients,
        on_sent="comments.moderation.queue_alert_sent",
        on_sent_kwargs={"size": size},
    )
    return True


def queue_alert_sent(*, size: int) -> None:
    """Called by the mail task once the alert has gone."""
    cache.set(ALERT_KEY, size, timeout=settings.REACTIONS_QUEUE_ALERT_REPEAT)
    cache.delete(ALERT_PENDING_KEY)


def _queue_alert_reset_if_below() -> None:
    threshold = settings.REACTIONS_QUEUE_ALERT
    if threshold and cache.get(ALERT_KEY) is not None and queue_size() < threshold:
        cache.delete(ALERT_KEY)


# --- GDPR ---------------------------------------------------------------------------


PURGE_BATCH = 2000  # reactions per UPDATE: short locks on a large table, and progress to show


def reactions_purge_personal_data(*, older_than: timedelta, now: datetime | None = None, progress=None) -> int:
    """Blank the e-mail and IP hash of reactions older than ``older_than``; returns how many.

    ``progress`` (a common.progress.Progress) is told of each batch: the first run on
    years of reactions takes a while.
    """
    if older_than < timedelta(0):
        raise ValueError("older_than must not be negative")
    now = now or timezone.now()
    cutoff = now - older_than
    # Reporters' hashes go too; each gets a unique stand-in so the one-report-per-reader
    # constraint still holds.
    ReactionReport.objects.filter(created_at__lt=cutoff).exclude(reporter_hash__startswith="purged-").update(
        reporter_hash=Concat(Value("purged-"), Cast("pk", output_field=CharField()))
    )
    ids = list(
        Reaction.objects.filter(created_at__lt=cutoff, personal_data_purged_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if progress is not None:
        progress.total = len(ids)
    purged = 0
    for start in range(0, len(ids), PURGE_BATCH):
        batch = ids[start : start + PURGE_BATCH]
        purged += Reaction.objects.filter(pk__in=batch, personal_data_purged_at__isnull=True).update(
            email="", ip_hash="", personal_data_purged_at=now
        )
        if progress is not None:
            progress.advance(len(batch))
    return purged
