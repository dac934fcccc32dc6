"""CACHE chooses Django's cache: one table every process shares, or each process's memory."""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings

REPO = Path(__file__).resolve().parent.parent
READ = "import json; from config import settings as s; print(json.dumps(s.CACHES['default']))"
DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "thanrak_cache",
    }
}


def cache_of(**environ: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(REPO), "TESTING": "1"}
    env |= {"DEBUG": "1"} | environ
    return subprocess.run(  # noqa: S603 - this interpreter, a fixed program
        [sys.executable, "-c", READ], cwd=REPO, env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("environ", "backend"),
    [
        ({}, "locmem.LocMemCache"),
        ({"DB": "postgres"}, "db.DatabaseCache"),
        ({"DB": "postgres", "CACHE": "memory"}, "locmem.LocMemCache"),
        ({"CACHE": "database"}, "db.DatabaseCache"),
    ],
)
def test_postgresql_shares_one_cache_table_unless_told_otherwise(environ, backend):
    done = cache_of(**environ)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["BACKEND"] == f"django.core.cache.backends.{backend}"


def test_an_unknown_cache_stops_the_start():
    done = cache_of(CACHE="redis")
    assert done.returncode != 0
    assert "CACHE must be 'database' or 'memory'" in done.stderr


@pytest.mark.django_db(transaction=True)
def test_migrate_makes_the_shared_table_and_every_process_reads_it():
    migration = importlib.import_module("thanrak.core.migrations.0002_cache_table")
    with override_settings(CACHES=DATABASE_CACHE):
        with connection.schema_editor() as editor:
            migration.create_cache_table(None, editor)
        try:
            assert "thanrak_cache" in connection.introspection.table_names()
            caches["default"].set("kept", {"province": "84"})
            # Another process's cache object reads the same row.
            assert caches.create_connection("default").get("kept") == {"province": "84"}
        finally:
            caches["default"].clear()
            with connection.cursor() as cursor:
                cursor.execute("DROP TABLE thanrak_cache")
