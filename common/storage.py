"""Where media live: a folder by default, an S3-compatible bucket when one is configured.

Two storages, both reached through Django's storage API (``storages[...]``):

- ``default`` keeps what editors upload (photo originals). On S3 its URLs are signed
  and expire: only the admin links an original.
- ``renditions`` keeps the resized copies that public pages, feeds and sitemaps link.
  Their names carry a hash of their content, so a file never changes under its name:
  on S3 they are stored with a one-year immutable ``Cache-Control`` and linked without
  a signature (through ``AWS_S3_CUSTOM_DOMAIN``, a CDN, when set), so that browsers and
  CDNs keep them. On a disk, nginx's ``/media/`` location gives them the same header.

``settings.py`` builds ``STORAGES`` from the environment with ``media_storages``; tests
build theirs with the same function, pointed at their S3 server.
"""

RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"
S3_BACKEND = "storages.backends.s3.S3Storage"
# A bucket that hangs must cost an upload or a health check seconds, not botocore's
# default minutes (60 s to connect, 60 s to read, retried).
S3_CONNECT_TIMEOUT = 3
S3_READ_TIMEOUT = 10
S3_MAX_ATTEMPTS = 2


def media_storages(
    *,
    bucket: str = "",
    endpoint_url: str = "",
    access_key: str = "",
    secret_key: str = "",
    region: str = "",
    custom_domain: str = "",
    addressing_style: str = "",
) -> dict:
    """The ``default`` and ``renditions`` entries of ``STORAGES``: S3 when ``bucket`` is set."""
    if not bucket:
        # Both in MEDIA_ROOT, served under MEDIA_URL (a FileSystemStorage without options
        # follows those settings, also when a test changes them).
        folder = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
        return {"default": folder, "renditions": dict(folder)}
    from botocore.config import Config

    shared = {
        "client_config": Config(
            s3={"addressing_style": addressing_style or None},
            connect_timeout=S3_CONNECT_TIMEOUT,
            read_timeout=S3_READ_TIMEOUT,
            retries={"max_attempts": S3_MAX_ATTEMPTS, "mode": "standard"},
        ),
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "region_name": region or None,
        "addressing_style": addressing_style or None,
    }
    return {
        "default": {
            "BACKEND": S3_BACKEND,
            # An upload never replaces another one that has the same name.
            "OPTIONS": {**shared, "querystring_auth": True, "file_overwrite": False, "custom_domain": None},
        },
        "renditions": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **shared,
                "querystring_auth": False,
                # Content-hashed names: writing a name again writes the same bytes.
                "file_overwrite": True,
                "custom_domain": custom_domain or None,
                "object_parameters": {"CacheControl": RENDITION_CACHE_CONTROL},
            },
        },
    }


def media_origin(*, endpoint_url: str = "", custom_domain: str = "", bucket: str = "", region: str = "") -> str:
    """The origin (scheme://host) that serves renditions on S3, for the CSP's img-src."""
    if custom_domain:
        return f"https://{custom_domain.split('/')[0]}"
    if endpoint_url:
        scheme, _, rest = endpoint_url.partition("://")
        return f"{scheme}://{rest.split('/')[0]}"
    if region:
        return f"https://{bucket}.s3.{region}.amazonaws.com"
    return f"https://{bucket}.s3.amazonaws.com"
