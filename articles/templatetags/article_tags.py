"""Reusable pieces of the public pages: responsive pictures."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(photo, sizes="100vw", eager=False, alt=None, css_class=""):
    """A <picture> with WebP and JPEG srcsets from the stored renditions.

    ``eager`` is for the image above the fold (the lead photo): it loads at once with a
    high fetch priority; every other picture is lazy.
    """
    webp = photo.rendition_urls("webp") if photo else []
    jpeg = photo.rendition_urls("jpeg") if photo else []
    if not jpeg:
        # No rendition (not made yet, or a damaged original): no picture, never the
        # original, which is full size and, on S3, behind a URL that expires.
        return {"photo": None}
    fallback = jpeg[-1][1]
    width, height = photo.width, photo.height
    if jpeg:
        # The largest rendition's recorded size: the displayed shape, even for a photo
        # whose EXIF orientation turned it.
        width = jpeg[-1][0]
        recorded = photo.renditions.get(str(width), {}).get("height")
        if recorded:
            height = recorded
        elif photo.width and photo.height:
            height = round(photo.height * width / photo.width)
    return {
        "photo": photo,
        "webp_srcset": ", ".join(f"{url} {w}w" for w, url in webp),
        "jpeg_srcset": ", ".join(f"{url} {w}w" for w, url in jpeg),
        "src": fallback,
        "width": width,
        "height": height,
        "sizes": sizes,
        "eager": eager,
        "alt": photo.alt_text if alt is None else alt,
        "css_class": css_class,
    }


@register.filter(is_safe=True)
def rich_body(html):
    """The reader's body: library photos, galleries, tables and click-to-load embeds
    (``articles.body.render_body``; perf may store its result at save time)."""
    from django.utils.safestring import mark_safe

    from articles.body import render_body

    return mark_safe(render_body(html or ""))
