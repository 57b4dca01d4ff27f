"""What the API returns: public fields only (no e-mail, no account, no reader data)."""

from datetime import datetime

from ninja import Field, Schema


class Error(Schema):
    detail: str


class Rendition(Schema):
    width: int
    format: str
    url: str


class PhotoOut(Schema):
    caption: str
    credit: str
    alt: str
    width: int | None
    height: int | None
    renditions: list[Rendition]


class SectionOut(Schema):
    id: int
    name: str
    path: str
    parent: str | None
    url: str


class SectionRef(Schema):
    id: int
    name: str
    path: str
    region: str


class AuthorOut(Schema):
    id: int
    name: str
    slug: str
    bio: str
    url: str


class AuthorRef(Schema):
    id: int
    name: str
    slug: str
    url: str


class TagOut(Schema):
    slug: str
    name: str


class ArticleSummary(Schema):
    id: int
    title: str
    url: str
    api_url: str
    section: SectionRef
    authors: list[AuthorRef]
    tags: list[TagOut]
    standfirst: str
    published_at: datetime
    updated_at: datetime
    reads: int
    lead_photo: PhotoOut | None
    live: str | None = Field(
        description="« running » : direct en cours ; « ended » : direct terminé ; null : pas un direct."
    )


class BoxOut(Schema):
    heading: str
    body: str


class NoteOut(Schema):
    kind: str
    text: str
    date: datetime


class RelatedOut(Schema):
    id: int
    title: str
    url: str
    api_url: str


class ArticleDetail(ArticleSummary):
    body_html: str
    boxes: list[BoxOut]
    notes: list[NoteOut]
    related: list[RelatedOut]


class ArticlePage(Schema):
    results: list[ArticleSummary]
    next: str | None


class LivePostIn(Schema):
    body: str = Field(
        description="Le message, en HTML simple (paragraphes, liens, gras, listes) ; nettoyé à l'arrivée."
    )
    pinned: bool = Field(False, description="Message clé, épinglé en tête du direct.")


class LivePostOut(Schema):
    id: int
    body_html: str
    text: str
    pinned: bool
    signature: str
    created_at: datetime
    edited_at: datetime | None
    url: str


class LivePostPage(Schema):
    live: str
    results: list[LivePostOut]
    next: str | None
