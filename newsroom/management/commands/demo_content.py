"""``manage.py demo_content [--articles N] [--reactions N]``: the demo site, and bulk content for benchmarks.

Idempotent: every object is found by a natural key (username, slug, category path)
and an article that exists is left exactly as it is, so ``make run`` can load the demo
on every start. The texts live in ``articles/demo_data.py``; the photos are painted
with Pillow, stored through ``default_storage`` and get their renditions.
"""

import colorsys
import io
import random
import time
import zlib
from datetime import timedelta

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw
from taggit.models import Tag, TaggedItem

from articles import demo_data
from articles.models import Article, ArticleAuthor, Author, Box, Category, Photo, UpdateNote
from articles.renditions import photo_make_renditions
from articles.sanitize import sanitize_html
from articles.search import articles_refresh_search_vector
from articles.services import article_publish, article_schedule, article_submit
from comments.models import Reaction, message_digest
from comments.moderation import ReactionRefused, reaction_approve, reaction_submit, reactions_recount
from newsroom.ads import ensure_demo_campaign
from reads.models import ReadDay

Status = Article.Status
PHOTO_SIZE = (1600, 1000)


def _seed(text: str) -> int:
    """A stable seed per article: the same demo on every machine and every run."""
    return zlib.crc32(text.encode())


def _body_html(paragraphs) -> str:
    parts = []
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            parts.append(f"<h2>{paragraph[3:]}</h2>")
        else:
            parts.append(f"<p>{paragraph}</p>")
    return "".join(parts)


# --- photos -----------------------------------------------------------------------------


def _hsv(hue, saturation, value):
    return tuple(round(channel * 255) for channel in colorsys.hsv_to_rgb(hue % 1.0, saturation, value))


def _mix(first, second, share):
    return tuple(round(a + (b - a) * share) for a, b in zip(first, second, strict=True))


def landscape_jpeg(seed: int, size=PHOTO_SIZE) -> bytes:
    """A mountain landscape painted from ``seed``: sky gradient, sun, three ridges, a lake.

    Each article gets its own colours and skyline, so that pages and lists look like a
    real picture desk rather than one placeholder repeated.
    """
    rng = random.Random(seed)
    width, height = size
    hue = rng.random()
    sky_top = _hsv(hue, 0.55, 0.55)
    sky_low = _hsv(hue + 0.08, 0.35, 0.98)
    # A one-pixel column stretched sideways: the same gradient for a fraction of the work.
    gradient = (
        Image.linear_gradient("L").resize((1, height), Image.Resampling.BILINEAR).resize(size, Image.Resampling.NEAREST)
    )
    image = Image.composite(Image.new("RGB", size, sky_low), Image.new("RGB", size, sky_top), gradient)
    draw = ImageDraw.Draw(image)

    sun_x, sun_y, radius = rng.randint(150, width - 150), rng.randint(120, height // 3), rng.randint(45, 90)
    draw.ellipse((sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius), fill=_hsv(hue + 0.12, 0.25, 1.0))

    ground = _hsv(hue + 0.3 + rng.random() * 0.2, 0.5, 0.3)
    horizon = int(height * rng.uniform(0.68, 0.78))
    for layer in range(3):
        base = int(height * (0.35 + 0.12 * layer))
        step = rng.randint(90, 170)
        points = [(0, height)]
        for x in range(0, width + step, step):
            points.append((x, base + rng.randint(-110, 110) + (60 if x % (2 * step) else 0)))
        points.append((width, height))
        colour = _mix(sky_low, ground, 0.35 + 0.3 * layer)
        draw.polygon(points, fill=colour)
        if layer == 0:
            # Snow on the highest ridge: the same outline, lowered and lighter.
            snow = [(x, y + 25) for x, y in points[1:-1]]
            draw.line(points[1:-1], fill=(245, 247, 250), width=14, joint="curve")
            draw.line(snow, fill=colour, width=20)

    lake = _mix(sky_top, sky_low, 0.5)
    draw.rectangle((0, horizon, width, height), fill=lake)
    for _ in range(12):
        y = rng.randint(horizon + 10, height - 10)
        x = rng.randint(0, width - 200)
        draw.line((x, y, x + rng.randint(80, 300), y), fill=_mix(lake, (255, 255, 255), 0.35), width=3)
    draw.rectangle((0, height - 60, width, height), fill=ground)

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def photo_create(*, name: str, seed: int, caption: str, alt_text: str, credit: str, user) -> Photo:
    photo = Photo(caption=caption, alt_text=alt_text, credit=credit, uploaded_by=user)
    photo.image.save(f"{name}.jpg", ContentFile(landscape_jpeg(seed)), save=True)
    return photo_make_renditions(photo=photo)


# --- accounts, sections, authors ------------------------------------------------------------


def accounts_ensure():
    """The demo accounts; a password is set only when the account is created here."""
    User = get_user_model()
    accounts = {}
    password_hash = None  # hashed once: the hasher is slow on purpose
    for username, group_name, first_name, last_name, role in demo_data.ACCOUNTS:
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            fields = {"email": f"{username}@example.org", "first_name": first_name, "last_name": last_name}
            password_hash = password_hash or make_password(demo_data.PASSWORD)
            superuser = group_name is None
            user = User.objects.create(
                username=username, password=password_hash, is_staff=True, is_superuser=superuser, **fields
            )
        if group_name and not user.groups.filter(name=group_name).exists():
            user.groups.add(Group.objects.get(name=group_name))
        accounts[username] = (user, created, role)
    return accounts


def categories_ensure():
    """{(region slug, section slug): section}, creating what is missing."""
    sections = {}
    for position, (slug, name, description) in enumerate(demo_data.REGIONS):
        region = Category.objects.filter(parent=None, slug=slug).first()
        if region is None:
            region = Category.objects.create(name=name, slug=slug, position=position, description=description)
        for section_position, (section_slug, section_name) in enumerate(demo_data.SECTIONS):
            section = Category.objects.filter(parent=region, slug=section_slug).first()
            if section is None:
                section = Category.objects.create(
                    name=section_name, slug=section_slug, parent=region, position=section_position
                )
            sections[(slug, section_slug)] = section
    return sections


def authors_ensure(accounts):
    authors = {}
    for slug, name, bio, username in demo_data.AUTHORS:
        author = Author.objects.filter(slug=slug).first()
        if author is None:
            user = accounts[username][0] if username else None
            if user is not None and Author.objects.filter(user=user).exists():
                user = None  # the account already signs under another name
            author = Author.objects.create(slug=slug, name=name, bio=bio, user=user)
        authors[slug] = author
    return authors


def tags_ensure(names):
    """Tags with ASCII slugs ("mobilite"), as the tag URLs expect, whatever taggit's setting."""
    tags = []
    for name in names:
        tag = Tag.objects.filter(Q(name=name) | Q(slug=slugify(name))).first()
        if tag is None:
            tag = Tag.objects.create(name=name, slug=slugify(name))
        tags.append(tag)
    return tags


# --- the hand-written articles --------------------------------------------------------------


def _publication_time(entry, now):
    """``days`` before (or after, when negative) the first load, at a newsroom-like hour."""
    rng = random.Random(_seed(entry["key"]))
    local_now = timezone.localtime(now)
    day = local_now - timedelta(days=entry["days"])
    moment = day.replace(
        hour=rng.choice([6, 7, 8, 11, 12, 14, 17, 18]), minute=rng.choice([0, 15, 30, 45]), second=0, microsecond=0
    )
    if entry["days"] >= 0 and moment > now:
        moment = now - timedelta(minutes=rng.randint(20, 90))
    if entry["days"] < 0 and moment <= now:
        moment = now + timedelta(hours=1)
    return moment


def _reads(slug, published_at, now):
    """A believable reads total and the daily buckets of the last two weeks."""
    rng = random.Random(_seed(slug))
    peak = rng.randint(300, 4500)
    today = timezone.localdate(now)
    first_day = timezone.localtime(published_at).date()
    days = []
    for age in range((today - first_day).days + 1):
        day = first_day + timedelta(days=age)
        count = int(peak * 0.5**age)
        if (today - day).days < 14 and count:
            days.append((day, count))
    older = sum(int(peak * 0.5**age) for age in range(max(0, (today - first_day).days - 13)))
    return older + sum(count for _, count in days), days


def article_create(entry, *, sections, authors, accounts, now):
    editor, journalist = accounts["redaction"][0], accounts["journaliste"][0]
    status = entry.get("status", "published")
    signing = [authors[slug] for slug in entry["authors"]]
    writer = journalist if any(author.user_id == journalist.pk for author in signing) else editor
    when = _publication_time(entry, now)
    title = entry["title"]
    slug = slugify(title)[:200]
    rng = random.Random(_seed(entry["key"]))

    caption, alt_text = entry["photo"]
    credit = entry.get("credit") or rng.choice(demo_data.PHOTOGRAPHERS)
    photo = photo_create(
        name=slug[:80], seed=_seed(entry["key"]), caption=caption, alt_text=alt_text, credit=credit, user=writer
    )

    article = Article(
        title=title,
        slug=slug,
        standfirst=entry["standfirst"],
        body=_body_html(entry["body"]),
        category=sections[(entry["region"], entry["section"])],
        lead_photo=photo,
        created_by=writer,
        created_at=min(when, now) - timedelta(hours=rng.randint(2, 30)),
    )
    with reversion.create_revision():
        article.save()
        for position, author in enumerate(signing):
            ArticleAuthor.objects.create(article=article, author=author, position=position)
        if "box" in entry:
            heading, text = entry["box"]
            Box.objects.create(article=article, heading=heading, body=text)
        reversion.set_user(writer)
        reversion.set_comment("Article créé")
    article.tags.add(*tags_ensure(entry["tags"]))

    if status == "published":
        article_publish(article=article, user=editor, at=when)
        total, days = _reads(slug, when, now)
        Article.objects.filter(pk=article.pk).update(reads=total)
        ReadDay.objects.bulk_create(ReadDay(article=article, day=day, count=count) for day, count in days)
        if "note" in entry:
            kind, text = entry["note"]
            UpdateNote.objects.create(
                article=article, kind=kind, text=text, created_at=min(when + timedelta(hours=5), now)
            )
    elif status == "scheduled":
        article_schedule(article=article, user=editor, at=when)
    elif status == "review":
        article_submit(article=article, user=journalist if article.created_by == journalist else editor)
    return article


def demo_load(*, now=None, log=lambda message: None):
    """Create whatever part of the demo site is missing; leave everything else untouched."""
    now = now or timezone.now()
    accounts = accounts_ensure()
    sections = categories_ensure()
    authors = authors_ensure(accounts)
    slugs = {entry["key"]: slugify(entry["title"])[:200] for entry in demo_data.ARTICLES}
    existing = set(Article.objects.filter(slug__in=slugs.values()).values_list("slug", flat=True))
    created = {}
    for entry in demo_data.ARTICLES:
        if slugs[entry["key"]] in existing:
            continue
        with transaction.atomic():
            created[entry["key"]] = article_create(
                entry, sections=sections, authors=authors, accounts=accounts, now=now
            )
    by_slug = {article.slug: article for article in Article.objects.filter(slug__in=slugs.values())}
    for key, article in created.items():
        entry = next(item for item in demo_data.ARTICLES if item["key"] == key)
        related = [by_slug[slugs[other]] for other in entry.get("related", ()) if slugs[other] in by_slug]
        article.related.add(*related)
    if created:
        log(f"{len(created)} articles de démonstration créés.")
    else:
        log("Contenu de démonstration déjà en place : rien à créer.")
    demo_reactions(editor=accounts["redaction"][0])
    return accounts


# --- bulk articles for scale benchmarks ----------------------------------------------------


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def bulk_articles_create(count: int, *, batch_size: int = 2000, now=None, log=lambda message: None) -> int:
    """Add ``count`` articles fast: bulk inserts by batch, no revision, no new photo.

    Slugs end with a run marker (the start time in base 36) and a counter, so that
    repeated runs never collide. Search vectors are refreshed per batch with one UPDATE
    (``articles.search``; a no-op on SQLite).
    """
    now = now or timezone.now()
    sections = list(Category.objects.filter(parent__isnull=False).select_related("parent"))
    authors = list(Author.objects.order_by("pk"))
    photos = list(Photo.objects.exclude(renditions={}).order_by("pk")[:16]) or [None]
    tags = list(Tag.objects.order_by("pk")[:40])
    editor = get_user_model().objects.filter(username="redaction").first()
    if not sections or not authors:
        raise CommandError("Le contenu de démonstration doit exister avant les articles en masse.")
    article_type = ContentType.objects.get_for_model(Article)
    run = _base36(time.time_ns() // 1_000_000)
    rng = random.Random(run)
    span = 6 * 365 * 24 * 3600  # publications spread over six years
    created = 0
    for start in range(0, count, batch_size):
        size = min(batch_size, count - start)
        batch = []
        for index in range(start, start + size):
            section = rng.choice(sections)
            town = rng.choice(
                demo_data.TOWNS[section.parent.slug] if section.parent.slug in demo_data.TOWNS else ["Grenoble"]
            )
            headline = rng.choice(demo_data.HEADLINES.get(section.slug, demo_data.HEADLINES["actualites"]))
            title = f"{town} : {headline}"
            quote, who = rng.choice(demo_data.BULK_QUOTES)
            paragraphs = rng.sample(demo_data.BULK_PARAGRAPHS, 3)
            body = (
                f"<p>{paragraphs[0]}</p><p>{paragraphs[1]}</p>"
                f"<h2>{rng.choice(demo_data.BULK_INTERTITLES)}</h2>"
                f"<p>« {quote} », estime {who}.</p>"
                f'<p>{paragraphs[2]} <a href="/{section.path}/">Toute l’actualité de la rubrique</a>.</p>'
            )
            body = sanitize_html(body)
            roll = rng.random()
            status = Status.PUBLISHED if roll < 0.97 else Status.DRAFT if roll < 0.99 else Status.REVIEW
            published_at = now - timedelta(seconds=rng.randint(60, span))
            batch.append(
                Article(
                    title=title,
                    slug=f"{slugify(title)[:150]}-{run}-{index}",
                    standfirst=f"À {town}, {headline}. {paragraphs[0]}"[:600],
                    body=body,
                    category=section,
                    lead_photo=rng.choice(photos),
                    status=status,
                    publish_at=published_at if status == Status.PUBLISHED else None,
                    first_published_at=published_at if status == Status.PUBLISHED else None,
                    created_at=published_at - timedelta(hours=rng.randint(1, 48)),
                    created_by=editor,
                    reads=int(rng.paretovariate(1.3) * 120) if status == Status.PUBLISHED else 0,
                )
            )
        with transaction.atomic():
            articles = Article.objects.bulk_create(batch)
            bylines, tagged = [], []
            for article in articles:
                for position, author in enumerate(rng.sample(authors, 1 if rng.random() < 0.85 else 2)):
                    bylines.append(ArticleAuthor(article_id=article.pk, author_id=author.pk, position=position))
                for tag in rng.sample(tags, min(len(tags), rng.randint(0, 3))):
                    tagged.append(TaggedItem(content_type=article_type, object_id=article.pk, tag=tag))
            ArticleAuthor.objects.bulk_create(bylines)
            TaggedItem.objects.bulk_create(tagged)
            articles_refresh_search_vector(queryset=Article.objects.filter(pk__in=[a.pk for a in articles]))
        created += size
        log(f"  {created} / {count}")
    return created


# --- bulk reader reactions for scale benchmarks ---------------------------------------------

REACTION_FIRST_NAMES = [
    "Camille",
    "Julien",
    "Nathalie",
    "Thierry",
    "Sophie",
    "Mathieu",
    "Élodie",
    "Bernard",
    "Chantal",
    "Romain",
    "Aurélie",
    "Gérard",
    "Manon",
    "Yannick",
    "Hélène",
    "Karim",
    "Lucie",
    "Jean-Marc",
]
REACTION_OPENINGS = [
    "Merci pour cet article très complet.",
    "Enfin quelqu’un qui en parle !",
    "Je ne suis pas tout à fait d’accord avec cette analyse.",
    "Habitant du quartier depuis vingt ans, je confirme.",
    "Il était temps que la commune s’en occupe.",
    "Encore une décision prise sans consulter les riverains.",
    "Bravo aux bénévoles pour leur engagement.",
    "On attend toujours les chiffres précis.",
]
REACTION_FOLLOW_UPS = [
    "Reste à savoir qui paiera la facture.",
    "Les promesses n’engagent que ceux qui les écoutent.",
    "J’espère que le calendrier sera tenu cette fois.",
    "Ce serait bien d’avoir un suivi dans quelques mois.",
    "La situation est la même dans la vallée voisine.",
    "Nos enfants en profiteront, c’est l’essentiel.",
    "Le stationnement reste le vrai problème.",
    "Une réunion publique serait la bienvenue.",
]
# No article draws more than this many times the interest of the least commented one.
REACTION_WEIGHT_CAP = 200.0


def bulk_reactions_create(count: int, *, batch_size: int = 5000, now=None, log=lambda message: None) -> int:
    """Add ``count`` reader reactions fast, spread unevenly over the published articles.

    Mostly approved, some pending, a few rejected or spam, as a real queue looks after
    moderation. ``bulk_create`` skips ``Reaction.save()``, so the e-mail is written
    already normalised and ``message_hash`` is computed here.

    The unique constraint (article, e-mail, message hash) can never be hit: every
    e-mail carries the run marker, and within a run the n-th reaction to an article
    comes from commenter number n, so no e-mail writes twice under one article.
    """
    now = now or timezone.now()
    published = list(Article.objects.published(now=now).order_by("pk").values_list("pk", "publish_at"))
    if not published:
        raise CommandError("Aucun article publié : impossible d’y ajouter des réactions.")
    run = _base36(time.time_ns() // 1_000_000)
    rng = random.Random(f"reactions-{run}")
    # Uneven interest: a few articles draw many reactions, most draw a handful.
    weights = [min(rng.paretovariate(1.3), REACTION_WEIGHT_CAP) for _ in published]
    picks = rng.choices(range(len(published)), weights=weights, k=count)
    seen = [0] * len(published)
    states = (
        [Reaction.State.APPROVED] * 90
        + [Reaction.State.PENDING] * 7
        + [Reaction.State.REJECTED] * 2
        + [Reaction.State.SPAM]
    )
    created = 0
    for start in range(0, count, batch_size):
        batch = []
        for index in picks[start : start + batch_size]:
            article_id, publish_at = published[index]
            commenter = seen[index]
            seen[index] += 1
            first_name = REACTION_FIRST_NAMES[commenter % len(REACTION_FIRST_NAMES)]
            message = f"{rng.choice(REACTION_OPENINGS)} {rng.choice(REACTION_FOLLOW_UPS)}"
            age = max(0.0, (now - publish_at).total_seconds())
            created_at = publish_at + timedelta(seconds=min(age, rng.expovariate(1 / 86400)))
            state = rng.choice(states)
            batch.append(
                Reaction(
                    article_id=article_id,
                    name=f"{first_name} {chr(65 + commenter % 26)}.",
                    email=f"lecteur{commenter}.{run}@example.org",
                    message=message,
                    message_hash=message_digest(message),
                    ip_hash=f"{rng.getrandbits(256):064x}",
                    state=state,
                    created_at=created_at,
                    moderated_at=None if state == Reaction.State.PENDING else created_at + timedelta(hours=1),
                )
            )
        Reaction.objects.bulk_create(batch)
        created += len(batch)
        log(f"  {created} / {count}")
    # The published count shown with each article, as the moderation services keep it.
    touched = [article_id for (article_id, _), n in zip(published, seen, strict=True) if n]
    for start in range(0, len(touched), 5000):
        reactions_recount(articles=Article.objects.filter(pk__in=touched[start : start + 5000]))
    return created


# Readers' reactions of the demo: (name, e-mail, message, approved by the desk?). Those
# left pending fill the moderators' queue.
DEMO_REACTIONS = [
    ("Martine G.", "martine.g@example.org", "Enfin ! Le samedi, on ne s'entendait plus parler dans cette rue.", True),
    ("Yannick", "yannick.b@example.org", "Et les livraisons, on en fait quoi après 10 heures ?", True),
    (
        "Sophie L.",
        "sophie.l@example.org",
        "Merci pour cet article clair : on comprend ce qui change concrètement.",
        True,
    ),
    (
        "Karim",
        "karim.t@example.org",
        "J'habite le quartier depuis vingt ans, c'est une bonne nouvelle pour les familles.",
        True,
    ),
    (
        "Hélène",
        "helene.r@example.org",
        "Dommage que rien ne soit prévu pour les personnes âgées qui viennent en voiture.",
        True,
    ),
    ("Pierre-Yves", "py.m@example.org", "Il manque l'avis des riverains de la rue voisine.", False),
    ("Nadia", "nadia.k@example.org", "Quelqu'un sait si le marché du dimanche est concerné aussi ?", False),
    ("Jean-Marc", "jm.v@example.org", "Bravo aux bénévoles, c'était une très belle édition.", True),
    ("Lucie", "lucie.p@example.org", "Les horaires de l'encadré valent-ils pendant les vacances ?", False),
]


def demo_reactions(*, editor):
    """A few reactions on the newest articles, through the moderation services.

    Idempotent: a reaction already there is a duplicate for the services and is skipped.
    """
    articles = list(Article.objects.published().order_by("-publish_at")[:3])
    for index, (name, email, message, approve) in enumerate(DEMO_REACTIONS):
        if not articles:
            return
        article = articles[index % len(articles)]
        try:
            reaction = reaction_submit(
                article=article, name=name, email=email, message=message, ip_digest=f"demo-{index}"
            )
        except ReactionRefused:  # already there (a duplicate), or closed
            continue
        if approve and reaction.state == Reaction.State.PENDING:
            reaction_approve(reaction=reaction, user=editor)


class Command(BaseCommand):
    help = (
        "Charge le contenu de démonstration du Courrier des Alpes (idempotent) et affiche les "
        "comptes. --articles N ajoute N articles en masse pour les mesures de charge."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help="Ajoute N articles supplémentaires, créés en masse (benchmarks).",
        )
        parser.add_argument("--batch-size", type=int, default=2000, help="Taille des lots de --articles.")
        parser.add_argument(
            "--reactions",
            type=int,
            default=0,
            metavar="N",
            help="Ajoute N réactions de lecteurs, créées en masse sur les articles publiés.",
        )

    def handle(self, *args, articles=0, batch_size=2000, reactions=0, **options):
        if articles < 0 or reactions < 0 or batch_size < 1:
            raise CommandError(
                "--articles et --reactions ne peuvent pas être négatifs et --batch-size vaut au moins 1."
            )
        verbosity = options.get("verbosity", 1)
        started = time.monotonic()
        accounts = demo_load(log=self.stdout.write if verbosity else (lambda message: None))
        ensure_demo_campaign()
        if verbosity:
            self.stdout.write(f"Contenu de démonstration prêt en {time.monotonic() - started:.1f} s.")
        if articles:
            bulk_started = time.monotonic()
            added = bulk_articles_create(
                articles, batch_size=batch_size, log=self.stdout.write if verbosity > 1 else (lambda m: None)
            )
            elapsed = time.monotonic() - bulk_started
            self.stdout.write(
                f"{added} articles ajoutés en masse en {elapsed:.1f} s ({added / max(elapsed, 1e-9):.0f} par seconde)."
            )
        if reactions:
            bulk_started = time.monotonic()
            added = bulk_reactions_create(reactions, log=self.stdout.write if verbosity > 1 else (lambda m: None))
            elapsed = time.monotonic() - bulk_started
            self.stdout.write(
                f"{added} réactions ajoutées en masse en {elapsed:.1f} s ({added / max(elapsed, 1e-9):.0f} par seconde)."
            )
        if verbosity:
            self._print_accounts(accounts)

    def _print_accounts(self, accounts):
        admin_url = f"{settings.SITE_URL}{reverse('admin:index')}"
        self.stdout.write("")
        self.stdout.write(f"Comptes de démonstration, mot de passe « {demo_data.PASSWORD} » ({admin_url}) :")
        for username, (_user, _created, role) in accounts.items():
            self.stdout.write(f"  {username:<12} {role}")
        self.stdout.write("Un compte qui existait déjà garde son mot de passe.")
