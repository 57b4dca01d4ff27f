"""The embeds editors may paste: a known provider's address -> the frame to load.

Plain Python (no model, no template), so that settings can read ``EMBED_FRAME_HOSTS``
for the CSP's ``frame-src``: a frame from anywhere else is refused by the browser.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit


@dataclass(frozen=True)
class Embed:
    provider: str  # "youtube"
    name: str  # "YouTube"
    kind: str  # "la vidéo", "la publication", "la carte"
    src: str  # the iframe's address
    url: str  # the original address, linked for readers without JavaScript
    ratio: str  # CSS aspect-ratio of the frame


def _youtube(url, host, path, query):
    video = ""
    if host == "youtu.be":
        video = path.strip("/").split("/")[0]
    elif path == "/watch":
        video = query.get("v", [""])[0]
    elif path.startswith(("/shorts/", "/embed/", "/live/")):
        video = path.split("/")[2]
    if re.fullmatch(r"[\w-]{6,20}", video or ""):
        return Embed("youtube", "YouTube", "la vidéo", f"https://www.youtube-nocookie.com/embed/{video}", url, "16 / 9")
    return None


def _dailymotion(url, host, path, query):
    match = re.fullmatch(r"/video/([a-zA-Z0-9]+)(?:_.*)?", path) if host != "dai.ly" else None
    video = match.group(1) if match else path.strip("/") if host == "dai.ly" else ""
    if re.fullmatch(r"[a-zA-Z0-9]{4,20}", video or ""):
        return Embed(
            "dailymotion", "Dailymotion", "la vidéo", f"https://www.dailymotion.com/embed/video/{video}", url, "16 / 9"
        )
    return None


def _vimeo(url, host, path, query):
    match = re.fullmatch(r"/(?:video/)?(\d{4,12})/?", path)
    if match:
        return Embed(
            "vimeo", "Vimeo", "la vidéo", f"https://player.vimeo.com/video/{match.group(1)}?dnt=1", url, "16 / 9"
        )
    return None


def _x(url, host, path, query):
    match = re.fullmatch(r"/\w{1,15}/status/(\d{5,25})/?", path)
    if match:
        return Embed(
            "x",
            "X (ex-Twitter)",
            "la publication",
            f"https://platform.twitter.com/embed/Tweet.html?id={match.group(1)}",
            url,
            "4 / 5",
        )
    return None


def _instagram(url, host, path, query):
    match = re.fullmatch(r"/(p|reel|tv)/([\w-]{5,40})/?", path)
    if match:
        return Embed(
            "instagram",
            "Instagram",
            "la publication",
            f"https://www.instagram.com/{match.group(1)}/{match.group(2)}/embed/",
            url,
            "4 / 5",
        )
    return None


def _facebook(url, host, path, query):
    if not re.search(r"/(posts|videos|photos|reel)/|/permalink\.php|/watch/?$", path):
        return None
    plugin = "video" if re.search(r"/videos/|/watch/?$|/reel/", path) else "post"
    src = f"https://www.facebook.com/plugins/{plugin}.php?href={quote(url, safe='')}"
    kind = "la vidéo" if plugin == "video" else "la publication"
    return Embed("facebook", "Facebook", kind, src, url, "16 / 9" if plugin == "video" else "4 / 5")


def _openstreetmap(url, host, path, query):
    fragment = urlsplit(url).fragment
    match = re.search(r"map=(\d{1,2})/(-?\d{1,2}(?:\.\d+)?)/(-?\d{1,3}(?:\.\d+)?)", fragment)
    if match:
        zoom, lat, lon = int(match.group(1)), float(match.group(2)), float(match.group(3))
    elif "mlat" in query and "mlon" in query:
        try:
            zoom = int(query.get("zoom", ["14"])[0])
            lat, lon = float(query["mlat"][0]), float(query["mlon"][0])
        except ValueError:
            return None
    else:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= zoom <= 19):
        return None
    # A box around the point, about one screen at that zoom.
    span = 360 / 2 ** max(zoom, 1)
    bbox = f"{lon - span:.5f},{lat - span / 2:.5f},{lon + span:.5f},{lat + span / 2:.5f}"
    src = f"https://www.openstreetmap.org/export/embed.html?bbox={bbox}&layer=mapnik&marker={lat:.5f},{lon:.5f}"
    return Embed("openstreetmap", "OpenStreetMap", "la carte", src, url, "4 / 3")


# host -> parser; "www." and "m." are stripped before the lookup.
PROVIDERS = {
    "youtube.com": _youtube,
    "youtu.be": _youtube,
    "dailymotion.com": _dailymotion,
    "dai.ly": _dailymotion,
    "vimeo.com": _vimeo,
    "x.com": _x,
    "twitter.com": _x,
    "instagram.com": _instagram,
    "facebook.com": _facebook,
    "openstreetmap.org": _openstreetmap,
}

# What the iframes load from: the CSP's frame-src lists exactly these.
EMBED_FRAME_HOSTS = (
    "https://www.youtube-nocookie.com",
    "https://www.dailymotion.com",
    "https://player.vimeo.com",
    "https://platform.twitter.com",
    "https://www.instagram.com",
    "https://www.facebook.com",
    "https://www.openstreetmap.org",
)


def embed_for_url(url: str) -> Embed | None:
    """The embed of a post, video or map address from a known provider, else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.").removeprefix("m.")
    parser = PROVIDERS.get(host)
    if parser is None:
        return None
    return parser(url.strip(), host, parts.path or "/", parse_qs(parts.query))
