"""Settings of the Newsroom project: one module, driven by environment variables.

Variables (see the README): DEBUG, SECRET_KEY (required when DEBUG is off),
ALLOWED_HOSTS (comma-separated), DATABASE_URL, REDIS_URL, MEDIA_ROOT, STATIC_ROOT,
SITE_URL, READS_SALT, AWS_* (media on S3, see common/storage.py).
"""

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from articles.embeds import EMBED_FRAME_HOSTS
from common.storage import media_origin, media_storages

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Public address of the site, used in feeds, sitemaps, Open Graph and e-mails. Unset,
# links follow the request's (checked) host; see common/site.py.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Le Courrier des Alpes")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "reversion",
    "django_prose_editor",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "newsroom",
    "articles",
    "comments",
    "reads",
    "api",
    "newsletter",
    "live",
]

MIDDLEWARE = [
    # The request id (X-Request-ID) in every log line of the request, and in the response.
    "common.logs.RequestIdMiddleware",
    # Answers /healthz/ before anything touches Redis, sessions or the database.
    "newsroom.health.HealthzMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "api.middleware.ApiCorsMiddleware",
    # Malformed input (NUL, bad UTF-8), oversized bodies and TRACE/OPTIONS: a French 4xx
    # before anything else reads the request.
    "newsroom.http_guard.HttpGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag / If-None-Match and If-Modified-Since: 304 for a CDN or browser revalidating.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Outside any page cache, so that a read served from the cache is still counted.
    "reads.middleware.ReadCountingMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Right after the CSRF middleware has read the reader's cookie; a hit answers from
    # here, before the URL is resolved (newsroom/cache.py says what it skips).
    "newsroom.cache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After authentication: answers a locked-out login with newsroom.login_throttle's page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails a request (and /healthz/) in seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", 5))
    )
    # Parameters sent apart from the query (psycopg's own cursor) rather than quoted into
    # it by Python: a tenth less CPU per page built (bench/README.md). Django leaves
    # prepare_threshold unset, so nothing is prepared: safe behind pgbouncer's transaction
    # pooling. DATABASE_SERVER_SIDE_BINDING=0 goes back to Django's default.
    DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", env_bool("DATABASE_SERVER_SIDE_BINDING", True))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Anonymous public pages (newsroom.cache): how long a page may be kept at most. Article
# pages are kept no longer than the flush_reads interval, so that their read counter
# lags by at most that much.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 300))
ARTICLE_PAGE_CACHE_SECONDS = int(os.environ.get("ARTICLE_PAGE_CACHE_SECONDS", 60))
# Articles published this many days ago or more keep their rendered parts in the
# database (articles.fragments), their "À lire également" fixed until an editor's change;
# 0 keeps every article's in the cache only, for PAGE_CACHE_SECONDS.
ARTICLE_ARCHIVE_DAYS = int(os.environ.get("ARTICLE_ARCHIVE_DAYS", 2))
# Each process keeps copies of the pages it serves most, up to this many bytes, so that
# a hit fetches only two small values from the cache (newsroom.cache.LocalCopies).
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024))

# Tag slugs in ASCII ("mobilite" for "mobilité"): they appear in /mots-cles/<slug>/.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# Caches. The "default" cache holds pages and rate limits; with REDIS_URL it lives in
# Redis (shared by every worker), else in this process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            # Short: a cache that does not answer at once is treated as a miss
            # (newsroom/redis_cache.py), so a hanging Redis delays a page by little.
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25")),
                "socket_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    }
# newsroom/redis_cache.py: after a Redis connection error or timeout this process skips
# the cache for REDIS_CIRCUIT_SECONDS (then one call probes it), and reports the outage
# in the log at most once per REDIS_ERROR_LOG_SECONDS.
REDIS_CIRCUIT_SECONDS = float(os.environ.get("REDIS_CIRCUIT_SECONDS", "5"))
REDIS_ERROR_LOG_SECONDS = float(os.environ.get("REDIS_ERROR_LOG_SECONDS", "60"))

# The request header (Django's META name) in which the trusted proxy in front gives the
# client's address, e.g. HTTP_X_FORWARDED_FOR (its last hop is used) or HTTP_X_REAL_IP;
# REMOTE_ADDR when served directly. Used by reads and reactions (common/http.py);
# `check --deploy` warns while it is unset. The old per-app names still work.
CLIENT_IP_HEADER = (
    os.environ.get("CLIENT_IP_HEADER")
    or os.environ.get("READS_CLIENT_IP_HEADER")
    or os.environ.get("REACTIONS_CLIENT_IP_HEADER")
    or ""
)

# Reads ("article lu N fois", the reads app). One read per reader and article per
# window; the reader is a first-party cookie, else a keyed hash of IP + User-Agent.
READS_ENABLED = env_bool("READS_ENABLED", True)
READS_WINDOW_SECONDS = int(os.environ.get("READS_WINDOW_SECONDS", 1800))
READS_COOKIE_NAME = "nr_lecteur"
# CNIL: an audience-measurement cookie may live 13 months, never extended by visits.
READS_COOKIE_AGE = 395 * 24 * 3600
READS_SALT = os.environ.get("READS_SALT", "") or f"reads:{SECRET_KEY}"
# Buffer reads in Redis (flushed by `manage.py flush_reads`) when Redis is configured.
READS_BUFFER = env_bool("READS_BUFFER", bool(REDIS_URL))
READS_REDIS_URL = os.environ.get("READS_REDIS_URL", REDIS_URL)
# On: each read waits for PostgreSQL's WAL flush (off: a PostgreSQL crash may lose the
# last fraction of a second of reads; see reads/services.py).
READS_SYNCHRONOUS_COMMIT = env_bool("READS_SYNCHRONOUS_COMMIT", False)
# Reads wait this long in their worker and are sent in batches by a thread (0: each
# request sends its own read). The price: a killed worker loses its last batch.
READS_QUEUE_SECONDS = float(os.environ.get("READS_QUEUE_SECONDS", "0.5"))
READS_QUEUE_MAX = int(os.environ.get("READS_QUEUE_MAX", "1000"))
READS_REDIS_PREFIX = "newsroom:reads:"
# The read buffer's Redis answers at once or is treated as down: each call waits at
# most this long (connect, then read), and after a failure Redis is skipped for
# READS_REDIS_COOLDOWN seconds while reads are written to the database instead.
READS_REDIS_TIMEOUT = float(os.environ.get("READS_REDIS_TIMEOUT", "0.3"))
READS_REDIS_COOLDOWN = float(os.environ.get("READS_REDIS_COOLDOWN", "5"))
# Most reads one network (an IPv4 address, an IPv6 /64) may add to one article per
# window, whatever User-Agents or cookies it shows (0: no cap). 100 leaves room for a
# newsroom's office or a campus behind one address and for a carrier's NAT, which
# shares an address between a few dozen to a few hundred subscribers, few of whom read
# the same article in the same half hour; one address rotating User-Agents no longer
# adds more than that.
READS_NETWORK_CAP = int(os.environ.get("READS_NETWORK_CAP", "100"))
READS_TIME_ZONE = "Europe/Paris"  # the calendar of the daily buckets ("Les plus lus")
READS_BATCH_RETENTION_DAYS = 30  # flushed batch ids kept this long (a leftover batch is older)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Media: MEDIA_ROOT by default; an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set
# (common/storage.py: originals signed, renditions public and cached for a year).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
_S3 = {
    "bucket": AWS_STORAGE_BUCKET_NAME,
    "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL", ""),
    "region": os.environ.get("AWS_S3_REGION_NAME", ""),
    "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN", ""),
}
STORAGES = {
    **media_storages(
        **_S3,
        access_key=os.environ.get("AWS_ACCESS_KEY_ID", ""),
        secret_key=os.environ.get("AWS_SECRET_ACCESS_KEY", ""),
        addressing_style=os.environ.get("AWS_S3_ADDRESSING_STYLE", ""),
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests run with DEBUG off but without collectstatic.
WHITENOISE_MANIFEST_STRICT = False

# newsroom.http_guard: bodies announced bigger than this get a 413 before they are read
# (a photo at PHOTO_MAX_BYTES plus the form around it).
REQUEST_BODY_MAX_BYTES = int(os.environ.get("REQUEST_BODY_MAX_BYTES", 21 * 1024 * 1024))
CSRF_FAILURE_VIEW = "newsroom.errors.csrf_failure"

# Uploads: photos are bounded here and checked by Pillow in articles.validators.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", 15 * 1024 * 1024))
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", 40_000_000))
PHOTO_RENDITION_WIDTHS = (480, 800, 1200)

LOGIN_URL = "admin:login"

# Admin login throttle (django-axes, newsroom/login_throttle.py): after AXES_FAILURE_LIMIT
# wrong passwords for one username, or from one address, logins are refused for the
# cool-off, the right password included. Attempts live in the database, not in Redis.
AUTHENTICATION_BACKENDS = [
    "newsroom.login_throttle.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 10))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# A lock ends a cool-off after it began: more guesses meanwhile do not prolong it, so an
# attacker cannot keep a journalist out by hammering their username.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "newsroom.login_throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "newsroom.login_throttle.lockout_response"
AXES_VERBOSE = False

# Security. Production sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", *([media_origin(**_S3)] if AWS_STORAGE_BUCKET_NAME else [])],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],  # the admin's editor sets style attributes
        "object-src": [NONE],
        # Embeds load only after the reader's click (articles/body.py), from these alone.
        "frame-src": list(EMBED_FRAME_HOSTS),
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
# The relay (Django's own names). Mail is only ever sent by a task (common/mail.py).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", 10))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "redaction@example.org")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# "Name <a@b.fr>, Other <c@d.fr>": who gets the error reports.
ADMINS = [(name or address, address) for name, address in getaddresses([os.environ.get("ADMINS", "")]) if address]
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", 6))

# Tasks (django-tasks): "database" (django-tasks-db, run by `manage.py db_worker`) in
# production, "immediate" (run at once, in the same process) in `make run` and tests.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if DEBUG else "database")
if TASKS_BACKEND not in {"immediate", "database"}:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' or 'database'.")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# Logs (common/logs.py): one line per record on stdout, JSON with LOG_FORMAT=json (for
# the log collector), each with the request id and the staff user; ERROR records are
# e-mailed to ADMINS by the mail task.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be 'plain' or 'json'.")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "common.logs.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "common.logs.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_context"],
        },
        "mail_admins": {"class": "common.logs.TaskMailHandler", "level": "ERROR", "filters": ["request_context"]},
    },
    "root": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL},
    # Replaces Django's default handlers of "django" (its AdminEmailHandler sends inside
    # the request, with the request's data): its records go to the root's handlers.
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}

# Error reports to Sentry, only when SENTRY_DSN is set (pip install '.[sentry]').
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError as error:
        raise ImproperlyConfigured("SENTRY_DSN is set but sentry-sdk is missing: pip install '.[sentry]'.") from error
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,  # no reader's address or cookie
        max_request_body_size="never",  # nor the e-mail of a reaction's form
        traces_sample_rate=0.0,
    )

# Reactions (comments app): defaults read with getattr() in comments.moderation.
REACTIONS_OPEN_DAYS = int(os.environ.get("REACTIONS_OPEN_DAYS", 30))  # per-article override on Article
REACTIONS_FORM_MIN_SECONDS = 3  # a form posted sooner after it was served is a robot's
REACTIONS_FORM_MAX_AGE = 4 * 3600  # an older form must be sent again
REACTIONS_MESSAGE_MAX_LENGTH = 2000
REACTIONS_RATE_WINDOW = 600  # seconds; counters live in the default cache (Redis in production)
REACTIONS_RATE_PER_EMAIL = int(os.environ.get("REACTIONS_RATE_PER_EMAIL", 5))
REACTIONS_RATE_PER_IP = int(os.environ.get("REACTIONS_RATE_PER_IP", 20))  # offices and carriers share IPs
REACTIONS_IP_SALT = os.environ.get("REACTIONS_IP_SALT", "")  # empty: derived from SECRET_KEY
REACTIONS_TRUSTED_AFTER = 3  # approved reactions, none refused, before auto-approval
REACTIONS_REPORTS_THRESHOLD = 3  # distinct networks' reports that send a reaction back to the queue
REACTIONS_REPORT_RATE_PER_NETWORK = 10  # reports per window from one address (IPv6: its /64)
REACTIONS_REPORT_RATE_WINDOW = 3600  # seconds
REACTIONS_QUEUE_ALERT = int(os.environ.get("REACTIONS_QUEUE_ALERT", 20))  # pending reactions; 0 disables
REACTIONS_QUEUE_ALERT_REPEAT = 6 * 3600  # at most one alert per period while over the threshold

# Content API (/api/v1/, api/): quotas per fixed window, kept in the default cache.
API_RATE_ANONYMOUS = os.environ.get("API_RATE_ANONYMOUS", "120/m")  # per client address
API_RATE_TOKEN = os.environ.get("API_RATE_TOKEN", "1200/m")  # per token (an app's users share it)
API_PAGE_MAX = 50
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", 60))

# Live coverage: an open live page polls every LIVE_POLL_SECONDS (DESIGN §13: a new post
# shows within 30 s); a CDN or browser may keep a poll's answer LIVE_POLL_MAX_AGE seconds.
LIVE_POLL_SECONDS = int(os.environ.get("LIVE_POLL_SECONDS", 15))
LIVE_POLL_MAX_AGE = int(os.environ.get("LIVE_POLL_MAX_AGE", 5))

# The morning newsletter (newsletter/): double opt-in, one digest per subscriber per day.
NEWSLETTER_CONFIRM_DAYS = 7  # a confirmation link is valid this long
NEWSLETTER_RATE_PER_IP = int(os.environ.get("NEWSLETTER_RATE_PER_IP", 10))  # requests per hour
NEWSLETTER_RATE_PER_EMAIL = 3  # confirmation e-mails per address per day
NEWSLETTER_STORIES_PER_REGION = 3
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", 200))  # subscribers per task
