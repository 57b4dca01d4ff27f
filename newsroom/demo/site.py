"""The demo site: accounts, sections, authors, the hand-written articles and reactions.

Idempotent: every object is found by a natural key (username, slug, category path)
and an article that exists is left exactly as it is, so ``make run`` can load the demo
on every start.
"""

import random
import zlib
from datetime import timedelta

import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, Author, Box, Category, UpdateNote
from articles.services import article_publish, article_schedule, article_submit
from comments.models import Reaction
from comments.moderation import ReactionRefused, reaction_approve, reaction_submit
from reads.models import ReadDay

from . import texts
from .front import demo_site_ensure
from .photos import landscape_alt, photo_create


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


# --- accounts, sections, authors ------------------------------------------------------------


def accounts_ensure():
    """The demo accounts; a password is set only when the account is created here."""
    User = get_user_model()
    accounts = {}
    password_hash = None  # hashed once: the hasher is slow on purpose
    for username, group_name, first_name, last_name, role in texts.ACCOUNTS:
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            fields = {"email": f"{username}@example.org", "first_name": first_name, "last_name": last_name}
            password_hash = password_hash or make_password(texts.PASSWORD)
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
    for position, (slug, name, description) in enumerate(texts.REGIONS):
        region = Category.objects.filter(parent=None, slug=slug).first()
        if region is None:
            region = Category.objects.create(name=name, slug=slug, position=position, description=description)
        for section_position, (section_slug, section_name) in enumerate(texts.SECTIONS):
            section = Category.objects.filter(parent=region, slug=section_slug).first()
            if section is None:
                section = Category.objects.create(
                    name=section_name, slug=section_slug, parent=region, position=section_position
                )
            sections[(slug, section_slug)] = section
    return sections


def authors_ensure(accounts):
    authors = {}
    for slug, name, bio, username in texts.AUTHORS:
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

    caption, _news_alt = entry["photo"]  # the alt of the news photo; the demo shows a painting
    credit = entry.get("credit") or rng.choice(texts.PHOTOGRAPHERS)
    photo = photo_create(
        name=slug[:80],
        seed=_seed(entry["key"]),
        caption=caption,
        alt_text=landscape_alt(_seed(entry["key"])),
        credit=credit,
        user=writer,
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
    slugs = {entry["key"]: slugify(entry["title"])[:200] for entry in texts.ARTICLES}
    existing = set(Article.objects.filter(slug__in=slugs.values()).values_list("slug", flat=True))
    created = {}
    for entry in texts.ARTICLES:
        if slugs[entry["key"]] in existing:
            continue
        with transaction.atomic():
            created[entry["key"]] = article_create(
                entry, sections=sections, authors=authors, accounts=accounts, now=now
            )
    by_slug = {article.slug: article for article in Article.objects.filter(slug__in=slugs.values())}
    for key, article in created.items():
        entry = next(item for item in texts.ARTICLES if item["key"] == key)
        related = [by_slug[slugs[other]] for other in entry.get("related", ()) if slugs[other] in by_slug]
        article.related.add(*related)
    if created:
        log(f"{len(created)} articles de démonstration créés.")
    else:
        log("Contenu de démonstration déjà en place : rien à créer.")
    editor = accounts["redaction"][0]
    demo_reactions(editor=editor)
    demo_site_ensure(
        now=now,
        writer=editor,
        paint=lambda name, seed: photo_create(
            name=name,
            seed=seed,
            caption="Le col du Lautaret au matin de sa réouverture",
            alt_text=landscape_alt(seed),
            credit="D.R.",
            user=editor,
        ),
    )
    return accounts


def demo_reactions(*, editor):
    """The demo's reactions on the articles they name, through the moderation services.

    Idempotent: a reaction already there is a duplicate for the services and is skipped.
    """
    slugs = {entry["key"]: slugify(entry["title"])[:200] for entry in texts.ARTICLES}
    wanted = {slugs[reaction[0]] for reaction in texts.DEMO_REACTIONS}
    articles = {article.slug: article for article in Article.objects.published().filter(slug__in=wanted)}
    for index, (key, name, email, message, approve) in enumerate(texts.DEMO_REACTIONS):
        article = articles.get(slugs[key])
        if article is None:
            continue
        # Readers write in the hours after publication, not all in the same minute.
        written = min(article.publish_at + timedelta(minutes=23 + 41 * index), timezone.now())
        try:
            reaction = reaction_submit(
                article=article, name=name, email=email, message=message, ip_digest=f"demo-{index}", now=written
            )
        except ReactionRefused:  # already there (a duplicate), or closed
            continue
        if approve and reaction.state == Reaction.State.PENDING:
            reaction_approve(reaction=reaction, user=editor)
