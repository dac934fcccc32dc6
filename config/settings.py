"""Thanrak settings, read from the environment (see .env.example).

With nothing set, Thanrak runs for development: SQLite and uploaded files on local
disk under var/, so one can check out the code and it works. A development checkout's
`.env` (written by `make run`) is read too; variables of the environment win over it.
"""

import datetime as dt
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
# A development checkout's settings: `make run` writes .env (DEBUG=1 and a secret key of
# its own) when there is none, so manage.py works as it is. Variables set in the
# environment win over its lines; the test suite reads the environment alone. Production
# has no .env: its settings come from the service's environment (.env.example), and
# without SECRET_KEY it refuses to start (below).
if not env_bool("TESTING"):
    load_dotenv(BASE_DIR / ".env", override=False)
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# PyThaiNLP must never reach the network: offices may be on closed networks.
os.environ.setdefault("PYTHAINLP_DATA", str(VAR_DIR / "pythainlp"))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    # Development only: with DEBUG off a missing SECRET_KEY stops the start above.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105  # nosec B105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_NAME = env_str("SITE_NAME", "Thanrak")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    # Two apps of other projects, under configs that name them in the admin in Thai.
    "thanrak.core.apps.BackgroundTasksConfig",
    "thanrak.accounts.apps.LockoutConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # django-ninja: its swagger-ui static files (the API's documentation page, no CDN).
    "ninja",
    # django-health-check: its `manage.py health_check` (the pages: thanrak/core/health.py).
    "health_check",
    "thanrak.core",
    "thanrak.areas",
    "thanrak.accounts",
    "thanrak.audit",
    "thanrak.evidence",
    "thanrak.centers",
    "thanrak.producers",
    "thanrak.rules",
    "thanrak.monitoring",
    "thanrak.documents",
    "thanrak.dashboards",
    "thanrak.notifications",
    "thanrak.public",
    "thanrak.api",
    "thanrak.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (SECURE_CSP) and Permissions-Policy (PERMISSIONS_POLICY).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "thanrak.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped, files not (static files come precompressed from WhiteNoise, above
    # it). BREACH: Django masks the CSRF token anew in every response, pads the gzip header.
    "thanrak.core.middleware.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thanrak.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Every page's Thai text cut where a line may end (thanrak/core/linebreaks.py).
    "thanrak.core.middleware.ThaiLineBreakMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    # Authorization: Bearer <personal API token> signs the request in (accounts/tokens.py).
    "thanrak.accounts.tokens.TokenMiddleware",
    # The policy table (thanrak/accounts/policy.py): who may use which URL, by role.
    "thanrak.accounts.middleware.PolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sign out past the absolute limit or the idle timeout; hold a user who owes a second
    # factor to the code or setup page (thanrak/accounts/session_lifetime.py, mfa.py).
    "thanrak.accounts.session_lifetime.SessionLifetimeMiddleware",
    "thanrak.accounts.mfa.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a login refused by django-axes into the lockout page; axes wants it last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

# Background work (long documents): queued in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /healthz/worker/ fails when a task has waited this long for a worker (thanrak/core/health.py).
HEALTH_WORKER_STALL_MINUTES = env_int("HEALTH_WORKER_STALL_MINUTES", 15)
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "thanrak.accounts.context_processors.navigation",
                "thanrak.notifications.context_processors.unread",
            ],
            "builtins": ["thanrak.core.templatetags.thai"],
        },
    }
]

# Database: SQLite unless DB=postgres.
DB = env_str("DB", "sqlite")
if DB == "sqlite":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("DB_NAME", str(VAR_DIR / "thanrak.sqlite3")),
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
        }
    }
    # SQLite makes an index's INCLUDE columns (the activities' date index) plain: the index
    # still serves the query; only PostgreSQL answers it from the index alone.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
elif DB == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": env_str("DB_NAME", "thanrak"),
            "USER": env_str("DB_USER", "thanrak"),
            "PASSWORD": env_str("DB_PASSWORD"),
            "HOST": env_str("DB_HOST"),
            "PORT": env_str("DB_PORT"),
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
            "TEST": {"NAME": env_str("DB_TEST_NAME", "test_thanrak")},
        }
    }
else:
    raise ImproperlyConfigured(f"DB must be 'sqlite' or 'postgres', got {DB!r}")

# Django's cache, which keeps the public pages, the rules' results and the dashboards'
# figures (below): `database` (the default with PostgreSQL) is one table that every app
# process and the worker share, so what one process counted serves them all, and it
# survives a restart (the table is made by `migrate`, or `manage.py createcachetable`);
# `memory` is each process's own (the default with SQLite, for development).
CACHE = env_str("CACHE", "database" if DB == "postgres" else "memory")
if CACHE == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "thanrak_cache",
            # The kept figures are a few entries per province and year: room for them all.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
elif CACHE == "memory":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(f"CACHE must be 'database' or 'memory', got {CACHE!r}")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Axes first: it refuses a locked-out login before any password is checked. It needs the
# request: tests sign in with client.force_login (client.login has no request).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "thanrak.accounts.backends.UsernameOrEmailBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "landing"
# Passwords are stored with Argon2id (argon2-cffi, OWASP's first choice: memory-hard, and at
# Django's parameters about 60 % of PBKDF2's processor time per sign-in). Hashes made with
# the others still verify, and are made again with Argon2 at the person's next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first, English as the second language.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True

# Evidence uploads (thanrak.evidence): the largest file accepted, and the largest image
# in pixels (beyond it an image is refused as a possible decompression bomb).
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_MB", 10) * 1024 * 1024
EVIDENCE_MAX_PIXELS = env_int("EVIDENCE_MAX_MEGAPIXELS", 50) * 1_000_000

# Seconds anonymous visitors' public pages (landing, about, catalogue) are kept in the
# cache (CACHE above) and may be kept by browsers and
# proxies; 0 turns it off (thanrak/public/cache.py).
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 300)
# Seconds the rules' results of a province are kept (thanrak/rules/cache.py); any write of
# a record they read makes them stale at once, so this bounds memory, not staleness.
RULES_CACHE_SECONDS = env_int("RULES_CACHE_SECONDS", 3600)
# Seconds the dashboards' figures of a province, and the national page drawn from them,
# are kept (thanrak/dashboards/kept.py); any write of a record they count makes them stale
# at once, so this bounds memory, not staleness; 0 counts them on every request.
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 86400)
# Pages' Thai text cut where a line may end, each word kept whole (core.linebreaks).
THAI_LINE_BREAKS = env_bool("THAI_LINE_BREAKS", default=True)
# Seconds a PDF made is kept under a digest of its HTML, so the same document asked for
# again is not laid out again (thanrak/documents/render.py); the digest covers all the PDF
# is made from, so this bounds memory, not staleness; 0 lays out every request anew.
PDF_CACHE_SECONDS = env_int("PDF_CACHE_SECONDS", 600)

# Excel/CSV imports (thanrak.producers): the largest file and the most rows accepted
# (refused before the file is read), minutes without a sign of life before a job being
# checked or written counts as stopped, and days an ended job's file is kept
# (`manage.py purge_imports`).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", 10) * 1024 * 1024
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 100_000)
IMPORT_STALE_MINUTES = env_int("IMPORT_STALE_MINUTES", 10)
IMPORT_FILE_RETENTION_DAYS = env_int("IMPORT_FILE_RETENTION_DAYS", 7)
# How often an import's page asks for its job's state while the worker has it (an htmx
# interval; the browser tests follow the worker faster).
IMPORT_POLL_INTERVAL = "1s"
# Exports of more rows than this are made by the worker, with progress and a download link.
EXPORT_INLINE_MAX_ROWS = env_int("EXPORT_INLINE_MAX_ROWS", 2000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

STATIC_URL = "/static/"
# Collected static files, served by WhiteNoise in production; development and tests
# serve straight from the app and project folders.
STATIC_ROOT = None if DEBUG or env_bool("TESTING") else BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# The demo's evidence files as the upload pipeline stores them (thanrak/demo/files.py).
DEMO_FILES_CACHE = Path(env_str("DEMO_FILES_CACHE", str(VAR_DIR / "demo-files")))
# Uploaded evidence is never served from a public URL: downloads go through views
# that check the user's area. MEDIA_URL exists only because Django wants one.
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if env_str("S3_BUCKET"):
    # Any S3-compatible store: install the "s3" extra (django-storages with boto3).
    try:
        import storages  # noqa: F401
    except ImportError:
        raise ImproperlyConfigured(
            'S3_BUCKET is set: pip install "django-storages[s3]==1.14.6"'
        ) from None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "access_key": env_str("S3_ACCESS_KEY"),
            "secret_key": env_str("S3_SECRET_KEY"),
            "region_name": env_str("S3_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
        },
    }

EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS"),
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "thanrak@localhost")
# The site's address, for links in e-mails sent by the background worker.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Behind a proxy that terminates TLS.
if env_bool("USE_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Served over HTTPS (production): plain HTTP is redirected, cookies go over HTTPS only,
# browsers are told to keep to HTTPS (HSTS). HTTPS=0 serves with production settings over
# plain HTTP on this machine, as `make serve` does for the demo.
HTTPS = env_bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=HTTPS)
# A load balancer probes its app processes over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=HTTPS)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Pages load scripts, styles, fonts and images from this site only: no inline script,
# handler or style attribute (behaviour lives in static/js/thanrak.js, looks in CSS),
# hence no nonce either. tests/test_csp.py keeps the templates that way.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# Browser features no page uses are switched off for the site and anything it embeds.
# A file input with `capture` (photos on the visit page) opens the phone's camera app
# and needs no camera permission; passkeys (publickey-credentials-*) keep the default.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)

# The audit trail (thanrak.audit): events older than this many days are deleted by
# `manage.py purge_audit` (run it daily from cron).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 730)
# How many proxies in front of Thanrak append to X-Forwarded-For: the client's address
# is the one the outermost of them saw. 0 (the default) trusts REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Login protection (thanrak/accounts/lockout.py, django-axes): after LOGIN_FAILURE_LIMIT
# failed logins for one account (typed as username or e-mail), or LOGIN_FAILURE_LIMIT_PER_IP
# from one address, each within LOGIN_LOCKOUT_MINUTES of the one before, logging in is
# refused for LOGIN_LOCKOUT_MINUTES after the last failure. Administrators unlock accounts
# from the user list (action "Unlock"), addresses under "Access attempts".
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_LIMIT_PER_IP = env_int("LOGIN_FAILURE_LIMIT_PER_IP", 20)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "thanrak.accounts.lockout.LockoutHandler"
AXES_USERNAME_CALLABLE = "thanrak.accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "thanrak.audit.services.client_ip"
AXES_LOCKOUT_CALLABLE = "thanrak.accounts.views.locked_out"
# A refused attempt during a lockout does not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Sign-ins are in the audit trail already.
AXES_DISABLE_ACCESS_LOG = True
# No banner on every manage.py command.
AXES_VERBOSE = False
# Password-reset e-mails, in an hour: at most PER_EMAIL for one address from one IP,
# PER_IP from one IP for any addresses, and PER_EMAIL_TOTAL sent to one address from IPs
# the account has not signed in from in the last KNOWN_IP_DAYS days. More requests get the
# same "check your e-mail" page and no e-mail.
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
PASSWORD_RESET_LIMIT_PER_IP = env_int("PASSWORD_RESET_LIMIT_PER_IP", 10)
PASSWORD_RESET_LIMIT_PER_EMAIL_TOTAL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL_TOTAL", 6)
PASSWORD_RESET_KNOWN_IP_DAYS = env_int("PASSWORD_RESET_KNOWN_IP_DAYS", 90)
PASSWORD_RESET_LIMIT_WINDOW = 60 * 60

# Second factor (thanrak/accounts/mfa.py, django-otp): the roles that must set up an
# authenticator app before using anything; other roles may set one up on their profile.
MFA_REQUIRED_ROLES = env_list("MFA_REQUIRED_ROLES", "province_officer,viewer,admin")
OTP_TOTP_ISSUER = SITE_NAME
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Sessions end SESSION_COOKIE_AGE seconds after signing in, however active (default 12
# hours), and for province officers, executives and administrators after
# SESSION_IDLE_TIMEOUT_PRIVILEGED seconds without a request (default 30 minutes).
SESSION_IDLE_TIMEOUT_PRIVILEGED = env_int("SESSION_IDLE_TIMEOUT_PRIVILEGED", 30 * 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "pythainlp": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

if env_bool("TESTING"):
    # A fast hash for the suite's many accounts; the real ones after it still verify.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
    SECURE_SSL_REDIRECT = False
    # The live test server speaks plain HTTP.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
