"""What the API returns: public fields only (no e-mail, no account, no reader data)."""

from datetime import datetime

from ninja import Schema


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
