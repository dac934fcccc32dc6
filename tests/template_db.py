"""The SQLite test database copied from a template: migrated, with the areas loaded, once
for a given set of migrations.

Migrating a test database and loading Thailand's areas costs each test process about ten
seconds. On SQLite (an in-memory test database per process) the result is kept in
var/test-db/, named by a digest of what it is made from: every installed app's migration
files, the versions of Django, SQLite and geothai, the areas' loader and this file. A new or
changed migration gives a new name, so a stale template is never used; the first process
that finds none builds the database the usual way and saves it for the next runs.

The copy is made as the test database's first connection opens, before `migrate` runs;
`migrate` then finds every migration applied and has nothing to do.
"""

import hashlib
import importlib.metadata
import importlib.util
import os
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.db.migrations.loader import MigrationLoader

FOLDER = Path(settings.VAR_DIR) / "test-db"


def digest() -> str:
    """A digest of everything the migrated test database with its areas is made from."""
    from thanrak.areas.management.commands import load_areas

    versions = [
        importlib.metadata.version("django"),
        sqlite3.sqlite_version,
        importlib.metadata.version("geothai"),
    ]
    h = hashlib.sha256(" ".join(versions).encode())
    for source in (Path(__file__), Path(load_areas.__file__)):
        h.update(source.read_bytes())
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        module, _explicit = MigrationLoader.migrations_module(config.label)
        try:
            spec = importlib.util.find_spec(module) if module else None
        except ModuleNotFoundError:
            spec = None
        for folder in (spec and spec.submodule_search_locations) or ():
            for path in sorted(Path(folder).glob("*.py")):
                h.update(f"\0{module}.{path.name}\0".encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:24]


class Template:
    """The template of this run's test database, copied in or saved at setup."""

    def __init__(self) -> None:
        self.path = FOLDER / f"{digest()}.sqlite3"
        self.copied = False

    @staticmethod
    def usable() -> bool:
        """On SQLite with an in-memory test database only."""
        connection = connections[DEFAULT_DB_ALIAS]
        test_name = connection.settings_dict["TEST"]["NAME"] or ":memory:"
        return connection.vendor == "sqlite" and connection.creation.is_in_memory_db(test_name)

    def listen(self) -> None:
        connection_created.connect(self._copy, dispatch_uid="thanrak-test-db-template")

    def _copy(self, sender, connection, **kwargs) -> None:
        if self.copied or connection.alias != DEFAULT_DB_ALIAS or not self.path.exists():
            return
        if not connection.creation.is_in_memory_db(connection.settings_dict["NAME"]):
            return
        with closing(sqlite3.connect(self.path)) as source:
            source.backup(connection.connection)
        self.copied = True

    def finish(self) -> None:
        """Stop listening; save the database as the template if it was built here."""
        connection_created.disconnect(dispatch_uid="thanrak-test-db-template")
        if self.copied:
            return
        connection = connections[DEFAULT_DB_ALIAS]
        connection.ensure_connection()
        FOLDER.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=FOLDER, suffix=".part")
        os.close(handle)
        with closing(sqlite3.connect(name)) as target:
            connection.connection.backup(target)
        # Atomic: a process that copies it meanwhile reads the whole old file or the new one.
        os.replace(name, self.path)
        for old in FOLDER.glob("*.sqlite3"):
            if old != self.path:
                old.unlink(missing_ok=True)
