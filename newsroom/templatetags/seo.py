"""What search engines and social networks read: absolute URLs and JSON-LD.

JSON-LD is written by ``json_ld`` only: the JSON is escaped the way Django's
``json_script`` does it (``<``, ``>`` and ``&`` as ``\\u003C``…), so no headline can
close the <script> element and inject markup.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from common.site import site_url

from .french import iso

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute(url):
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    return site_url() + (url if url.startswith("/") else "/" + url)


@register.filter(name="absolute")
def absolute_filter(url):
    """The public address of a site path (``common.site``: SITE_URL when set)."""
    return absolute(str(url))


def json_ld(data) -> str:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}…{% endcapture %}``: render once, reuse in several tags.

    base.html renders the ``title`` block inside a capture so that <title>, og:title
    and twitter:title say the same thing while child templates override one block.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


def _publisher():
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": site_url() + "/",
        "logo": {"@type": "ImageObject", "url": absolute(static("img/logo.png")), "width": 600, "height": 60},
    }


@register.simple_tag
def breadcrumb_jsonld(crumbs):
    """BreadcrumbList from [(name, url), …], home first."""
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": position, "name": str(name), "item": absolute(url)}
                for position, (name, url) in enumerate(crumbs, start=1)
            ],
        }
    )


@register.simple_tag
def article_jsonld(article, authors=(), modified=None):
    """NewsArticle structured data of an article page."""
    return json_ld(_article_data(article, authors, modified))


def _article_data(article, authors, modified):
    photo = article.lead_photo
    images = []
    if photo:
        images = [absolute(url) for _, url in photo.rendition_urls("jpeg")][-1:]  # never the original
    category = article.category
    sections = [category.parent.name, category.name] if category.parent_id else [category.name]
    published = article.first_published_at or article.publish_at
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": absolute(article.get_absolute_url())},
        "headline": article.headline[:110],
        "description": article.standfirst,
        "image": images,
        "datePublished": iso(published),
        # What the page shows as "Mis à jour le …" (Article.modified_at), never a silent save.
        "dateModified": iso(modified or published),
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())} for author in authors
        ],
        "publisher": _publisher(),
        "articleSection": sections,
        "inLanguage": "fr-FR",
    }
    if not data["author"]:
        data["author"] = [{"@type": "Organization", "name": settings.SITE_NAME, "url": site_url() + "/"}]
    return data


@register.simple_tag
def liveblog_jsonld(article, posts):
    """LiveBlogPosting structured data of a live, with its updates (the posts of the page,
    newest first: each ``created_at``, ``edited_at``, ``text``, ``get_absolute_url``)."""
    authors = [link.author for link in article.article_authors.select_related("author")]
    latest = max((post.edited_at or post.created_at for post in posts), default=None)
    data = _article_data(article, authors, latest)
    data["@type"] = "LiveBlogPosting"
    data["coverageStartTime"] = data["datePublished"]
    if article.live == article.Live.ENDED:
        data["coverageEndTime"] = data["dateModified"]
    # A post's address is the page's with its anchor (LivePost.get_absolute_url): the
    # page's is reversed once, not once a post (120 µs each, 30 posts a page).
    page_url = absolute(article.get_absolute_url())
    data["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "headline": text[:110],
            "articleBody": text,
            "datePublished": iso(post.created_at),
            "dateModified": iso(post.edited_at or post.created_at),
            "url": f"{page_url}#{post.anchor}",
        }
        for post, text in ((post, post.text) for post in posts)
    ]
    return json_ld(data)
