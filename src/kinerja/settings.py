"""Settings of kinerja, read from the environment only (as healthchecks' hc/settings.py).

Documented variables (README.md, "Configuration"):
KINERJA_DATA_DIR, DATABASE_URL, KINERJA_SECRET_KEY, KINERJA_DEBUG, KINERJA_DEMO, KINERJA_ALLOWED_HOSTS,
KINERJA_HTTPS, KINERJA_EMAIL_URL-style parts (KINERJA_EMAIL_HOST, _PORT, _USER, _PASSWORD, _USE_TLS,
KINERJA_DEFAULT_FROM_EMAIL), KINERJA_SIGNING_P12 and KINERJA_SIGNING_PASSWORD, KINERJA_MAX_REQUEST_MB.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def default_data_dir() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "kinerja"


DATA_DIR = Path(os.environ.get("KINERJA_DATA_DIR") or default_data_dir()).expanduser().resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if key := os.environ.get("KINERJA_SECRET_KEY"):
        return key
    # Generated once and kept beside the data, so sessions survive restarts.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("KINERJA_DEBUG", False)
# A demo installation (`make run`): `kinerja demo` may load the demo office, whose password is published,
# and it serves plain http on this machine. Not debug: visitors get kinerja's own error pages, never
# Django's technical ones. A development installation (KINERJA_DEBUG) is a demo one too.
DEMO = env_bool("KINERJA_DEMO", DEBUG)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("KINERJA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
                 if h.strip()]
# The address people reach this installation at: printed in the QR codes of signed documents and in the
# links of e-mails. Unset, e-mails link to this machine at the port `make run` serves on, and a signature's
# QR code to the address the head signed at (correspondence.actions.verify_url); `kinerja serve` says so.
PUBLIC_URL_SET = bool(os.environ.get("KINERJA_PUBLIC_URL", "").strip())
PUBLIC_URL = (os.environ.get("KINERJA_PUBLIC_URL", "").strip()
              or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}").rstrip("/")
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("KINERJA_CSRF_TRUSTED_ORIGINS", "").split(",")
                        if o.strip()]

INSTALLED_APPS = [
    "kinerja.web",
    "kinerja.org",
    "kinerja.sop",
    "kinerja.workflow",
    "kinerja.performance",
    "kinerja.correspondence",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "csp",
    "django_tasks",
    "kinerja.appconfig.TasksDatabaseConfig",  # django_tasks_db, named in the office's language
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kinerja.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kinerja.web.middleware.OfficeMiddleware",
    # After OfficeMiddleware (request.person): a first password handed out is changed before anything else.
    "kinerja.web.middleware.FirstPasswordMiddleware",
    # Before anything reads the body; after OfficeMiddleware for the person's language (see there).
    "kinerja.web.upload_limit.UploadLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After HtmxMiddleware (it reads request.htmx): a form sent once the session has ended.
    "kinerja.web.middleware.SessionEndedMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last: its process_exception sees a view's exception first (a stored file gone from the disk).
    "kinerja.web.middleware.MissingFileMiddleware",
]

ROOT_URLCONF = "kinerja.urls"
WSGI_APPLICATION = "kinerja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kinerja.web.context_processors.shell",
            ],
        },
    }
]

# SQLite is the embedded default; DATABASE_URL=postgres://… moves the same code to PostgreSQL.
SQLITE_PATH = DATA_DIR / "kinerja.sqlite3"
_db_url = os.environ.get("DATABASE_URL", "").strip()
if _db_url:
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"].setdefault("OPTIONS", {})
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {},
            "TEST": {"NAME": str(DATA_DIR / "test-kinerja.sqlite3")},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so SQLite serialises writers the way
    # select_for_update() does on PostgreSQL (as in hc/settings.py).
    DATABASES["default"]["OPTIONS"].update({
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # wal_autocheckpoint: copy the WAL back into the database every 10,000 pages (40 MB) rather than
        # every 1,000: the pages every action rewrites (the ends of the task and event tables and their
        # indexes) are then copied and synced once per checkpoint instead of ten times as often
        # (bench/engine.py: 0.06-0.08 ms less per completion). journal_size_limit trims the WAL file
        # back to 64 MB after a checkpoint. Durability is unchanged: synchronous=NORMAL as before.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                        "PRAGMA wal_autocheckpoint=10000; PRAGMA journal_size_limit=67108864;",
    })
    # Django's backend, with sqlite3 told how to bind None and booleans without its adaptation protocol's
    # failing lookups (kinerja/db/sqlite3/base.py says why).
    DATABASES["default"]["ENGINE"] = "kinerja.db.sqlite3"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with the BEGIN and the COMMIT sent together with the transaction's first and last
    # statements (two round trips fewer per transaction; kinerja/db/postgresql/base.py says how).
    DATABASES["default"]["ENGINE"] = "kinerja.db.postgresql"
    # Prepared statements for the engine's hand-written statements (workflow/fastsql.py runs them
    # through server-side binding cursors, prepared on first use; Django's own cursors bind on the
    # client and are never prepared). None turns them off, e.g. behind a pooler that cannot keep them.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("prepare_threshold", 0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "kinerja.org.backends.OfficeBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures lock the account and address for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
# The first is the frame's own catalogue (makemessages writes there); kinerja/vendor/locale translates
# the strings of packages that ship no Indonesian (django-tasks' task list).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "vendor" / "locale"]
FORMAT_MODULE_PATH = ["kinerja.formats"]
USE_I18N = True
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "files"
MEDIA_URL = "/files/"
STORAGES = {
    # Django's file system storage, noting what an action writes so a failed action leaves no file
    # behind (kinerja/uploads.py).
    "default": {"BACKEND": "kinerja.uploads.Storage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# The form fields of a request (not its files: Django counts those apart); a whole body above
# KINERJA_MAX_REQUEST_BYTES is refused unread (web/upload_limit.py), a file above
# KINERJA_MAX_UPLOAD_BYTES by its form, next to its field.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
KINERJA_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A request body above this is refused unread (web/upload_limit.py). Room for the forms that take
# several files in one submission (a task's files, a division's answer with evidence per indicator).
KINERJA_MAX_REQUEST_BYTES = int(os.environ.get("KINERJA_MAX_REQUEST_MB") or 32) * 1024 * 1024

SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Behind TLS (the default outside debug): secure cookies, HSTS and redirect to https.
HTTPS = env_bool("KINERJA_HTTPS", not DEMO)
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# No inline scripts or styles: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

EMAIL_HOST = os.environ.get("KINERJA_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("KINERJA_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("KINERJA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KINERJA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("KINERJA_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("KINERJA_DEFAULT_FROM_EMAIL", "kinerja@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KINERJA_LOG_LEVEL", "WARNING")},
}

# The demo office's password; refused at login and by `kinerja demo` outside a demo installation.
DEMO_PASSWORD = "demo-kinerja-2025"
