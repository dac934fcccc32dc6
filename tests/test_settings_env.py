"""The settings read a development checkout's .env; the environment wins; production refuses.

Each test loads config/settings.py in a new Python process from a copy of config/ in a
scratch checkout root, so the .env read is the one beside it, never the real checkout's.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
READ = (
    "import json; from config import settings as s; "
    "print(json.dumps([s.DEBUG, s.SECRET_KEY, s.ALLOWED_HOSTS]))"
)


@pytest.fixture
def checkout(tmp_path):
    shutil.copytree(
        REPO / "config", tmp_path / "config", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def load_settings(root: Path, program: str = READ, **environ: str) -> subprocess.CompletedProcess:
    """Import the settings of the checkout at root with only these variables set, and print
    what the program reads of them."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": f"{root}{os.pathsep}{REPO}"}
    return subprocess.run(  # noqa: S603 - this interpreter, a fixed program
        [sys.executable, "-c", program], cwd=root, env=env | environ, capture_output=True, text=True
    )


def settings_of(root: Path, program: str = READ, **environ: str) -> list:
    done = load_settings(root, program, **environ)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_env_file_of_the_checkout_is_read(checkout):
    (checkout / ".env").write_text("# development\nDEBUG=1\nSECRET_KEY=key-from-the-env-file\n")
    assert settings_of(checkout) == [True, "key-from-the-env-file", ["127.0.0.1", "localhost"]]


def test_environment_wins_over_the_env_file(checkout):
    (checkout / ".env").write_text("DEBUG=1\nSECRET_KEY=key-from-the-env-file\n")
    debug, secret_key, allowed_hosts = settings_of(
        checkout, DEBUG="0", SECRET_KEY="key-from-the-environment", ALLOWED_HOSTS="thanrak.go.th"
    )
    assert (debug, secret_key, allowed_hosts) == (
        False,
        "key-from-the-environment",
        ["thanrak.go.th"],
    )


def test_production_without_env_file_refuses_to_start_without_a_secret_key(checkout):
    done = load_settings(checkout)
    assert done.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in done.stderr


def test_production_without_env_file_allows_no_host_unless_told(checkout):
    assert settings_of(checkout, SECRET_KEY="a-production-key") == [False, "a-production-key", []]


def test_test_suite_ignores_the_env_file(checkout):
    (checkout / ".env").write_text("DEBUG=1\nSECRET_KEY=key-from-the-env-file\n")
    done = load_settings(checkout, TESTING="1")
    assert done.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in done.stderr


SECURITY = (
    "import json; from config import settings as s; print(json.dumps([s.DEBUG, "
    "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
    "s.LANGUAGE_COOKIE_SECURE, s.SECURE_HSTS_SECONDS]))"
)


def test_production_keeps_to_https_unless_told_it_serves_plain_http(checkout):
    production = settings_of(checkout, SECURITY, SECRET_KEY="a-production-key")
    assert production == [False, True, True, True, True, 31536000]
    # The demo of `make serve`: production settings over plain HTTP on this machine.
    demo = settings_of(checkout, SECURITY, SECRET_KEY="a-production-key", HTTPS="0")
    assert demo == [False, False, False, False, False, 0]
    (checkout / ".env").write_text("DEBUG=1\nSECRET_KEY=key-from-the-env-file\n")
    assert settings_of(checkout, SECURITY) == [True, False, False, False, False, 0]
