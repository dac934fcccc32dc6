"""Settings for the test suite: the normal settings with test-friendly defaults."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("TESTING", "1")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
if "MEDIA_ROOT" not in os.environ:
    # Uploaded files of a test run go to a folder of their own, removed at exit.
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="thanrak-test-media-")
    atexit.register(shutil.rmtree, os.environ["MEDIA_ROOT"], ignore_errors=True)

from config.settings import *  # noqa: E402, F403

# The suite signs in with client.force_login and no second factor; the tests of
# thanrak.accounts turn the requirement on where they test it.
MFA_REQUIRED_ROLES = []
# Each test process keeps its cache in memory, whichever database the suite runs on.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests share one process's cache across databases: the public pages' cache is off but
# in the tests of thanrak.public that turn it on.
PUBLIC_CACHE_SECONDS = 0
# Likewise the rules' results: tests write with bulk_create, which tells no signal.
RULES_CACHE_SECONDS = 0
DASHBOARD_CACHE_SECONDS = 0
# Pages as their templates write them, for the tests that read their HTML; the browser
# tests (tests/conftest.py) and core's tests of it turn the cutting of Thai text on.
THAI_LINE_BREAKS = False
