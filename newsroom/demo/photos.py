"""Demo photos: landscapes painted with Pillow, stored through the storage API."""

import colorsys
import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from articles.models import Photo
from articles.renditions import photo_make_renditions

PHOTO_SIZE = (1600, 1000)


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


# The painted sky's colour by hue (landscape_jpeg's first random draw), for the alt text.
SKY_COLOURS = (
    (0.05, "rouge"),
    (0.12, "orangé"),
    (0.19, "doré"),
    (0.45, "vert"),
    (0.7, "bleu"),
    (0.83, "violet"),
    (0.95, "rose"),
    (1.0, "rouge"),
)


def landscape_alt(seed: int) -> str:
    """What ``landscape_jpeg(seed)`` paints, for readers who do not see it: the demo's
    photos are paintings, so their alt text describes the painting, not the news."""
    hue = random.Random(seed).random()
    colour = next(name for limit, name in SKY_COLOURS if hue <= limit)
    return (
        f"Illustration : des montagnes aux sommets enneigés sous un ciel {colour}, "
        "un soleil pâle au-dessus des crêtes et un lac au premier plan"
    )


def photo_create(*, name: str, seed: int, caption: str, alt_text: str, credit: str, user) -> Photo:
    photo = Photo(caption=caption, alt_text=alt_text, credit=credit, uploaded_by=user)
    photo.image.save(f"{name}.jpg", ContentFile(landscape_jpeg(seed)), save=True)
    return photo_make_renditions(photo=photo)
