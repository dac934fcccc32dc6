"""Back up the database and the uploaded files into one file, and restore them.

The backup is a .tar.gz holding, in this order:

- ``manifest.json``: format and version, date, database vendor, the applied migrations,
  the row count of every table and the SHA-256 and size of every file;
- ``database.jsonl``: every row, model by model in primary-key order, as Django's JSON
  Lines serialization. Content types and permissions are referred to by natural key
  (``["centers", "activity"]``), so their ids may differ in the target; they and
  sessions are not in the file (``migrate`` makes the first two, sessions are thrown
  away). Neutral data: a SQLite backup restores into PostgreSQL and back;
- ``media/<path>``: every uploaded file under MEDIA_ROOT.

Both directions stream: rows are read and written in chunks, files one by one.
"""

import datetime
import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import django
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JsonlSerializer
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

FORMAT = "thanrak-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
MEDIA = "media/"
# Made again by `migrate` in the target (content types, permissions) or not worth keeping.
EXCLUDED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
CHUNK = 2000
COPY_BUFFER = 1024 * 1024

Log = Callable[[str], None]


class BackupError(Exception):
    """A backup that cannot be made, or a file that cannot be restored here."""


@dataclass
class Timing:
    """Seconds spent in each step, for the command's report."""

    steps: dict[str, float] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.monotonic()
        yield
        self.steps[name] = time.monotonic() - start

    @property
    def total(self) -> float:
        return time.monotonic() - self.started


# What is backed up.


def backup_models() -> list[type[Model]]:
    """Every model with its own table, in the order of INSTALLED_APPS."""
    return [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label_lower not in EXCLUDED_MODELS
    ]


def counted_tables(models: Iterable[type[Model]]) -> dict[str, type[Model]]:
    """Table name -> model, the tables of many-to-many fields included."""
    tables = {}
    for model in models:
        tables[model._meta.db_table] = model
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            if through._meta.auto_created:
                tables[through._meta.db_table] = through
    return tables


def row_counts(tables: dict[str, type[Model]], using: str) -> dict[str, int]:
    return {
        table: model._base_manager.using(using).count() for table, model in sorted(tables.items())
    }


def applied_migrations(using: str) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connections[using]).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def media_storage() -> FileSystemStorage | None:
    """The local storage of uploads, or None when they live elsewhere (S3)."""
    return default_storage if isinstance(default_storage, FileSystemStorage) else None


def media_files(root: Path) -> list[tuple[str, Path]]:
    """(name relative to root with "/", path) of every regular file; links are skipped."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for file in sorted(files):
            path = Path(folder, file)
            if path.is_symlink() or not path.is_file():
                continue
            found.append((path.relative_to(root).as_posix(), path))
    return found


def sha256_of(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(COPY_BUFFER):
        digest.update(chunk)
    return digest.hexdigest()


class HashingReader(io.RawIOBase):
    """Pass reads through, adding what goes by to a SHA-256."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        self.digest.update(data)
        self.size += len(data)
        return len(data)


class ExactJSONEncoder(DjangoJSONEncoder):
    """Datetimes and times to the microsecond: Django's encoder keeps milliseconds only."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            value = o.isoformat()
            return value.removesuffix("+00:00") + "Z" if value.endswith("+00:00") else value
        return super().default(o)


class BackupSerializer(JsonlSerializer):
    """Django's JSON Lines with natural keys for content types and permissions only.

    Their ids are made by `migrate` and differ between databases; every other foreign
    key keeps its plain id (no lookup per row on restore).
    """

    def __init__(self, using: str) -> None:
        self.using = using

    def end_object(self, obj) -> None:
        # json.dumps runs in C; json.dump, which jsonl uses, runs in Python.
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs) + "\n")
        self._current = None

    def _model_supports_natural_key(self, model) -> bool:
        return model in (ContentType, Permission)

    def _resolve_fk_natural_key(self, obj, field):
        if field.remote_field.model is ContentType:
            value = getattr(obj, field.attname)
            if value is None:
                return None
            # Cached: no query per row.
            return ContentType.objects.db_manager(self.using).get_for_id(value).natural_key()
        return super()._resolve_fk_natural_key(obj, field)


# Backup.


@contextmanager
def snapshot(using: str) -> Iterator[None]:
    """One consistent view of the database for the whole dump."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        # SQLite in WAL mode: the read transaction sees one snapshot from its first read.
        yield


def dump_database(stream, models: list[type[Model]], using: str) -> int:
    """Write every row of the models to the text stream; return the number of rows."""
    serializer = BackupSerializer(using)
    written = 0
    for model in models:
        queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
        lookups = []
        for m2m in model._meta.local_many_to_many:
            if m2m.remote_field.through._meta.auto_created:
                lookups.append(m2m.name)
                if m2m.remote_field.model is Permission:
                    lookups.append(f"{m2m.name}__content_type")
        if lookups:
            queryset = queryset.prefetch_related(*lookups)
        count = [0]

        def rows(queryset=queryset, count=count):
            for row in queryset.iterator(chunk_size=CHUNK):
                count[0] += 1
                yield row

        serializer.serialize(
            rows(), stream=stream, use_natural_foreign_keys=True, cls=ExactJSONEncoder
        )
        written += count[0]
    return written


def tar_info(name: str, size: int, mtime: float | None = None) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(mtime if mtime is not None else time.time())
    return info


def write_backup(output: Path, *, using: str = DEFAULT_DB_ALIAS, log: Log = print) -> dict:
    """Write the backup to output (which must not exist); return its manifest."""
    output = Path(output)
    if output.exists():
        raise BackupError(f"{output} already exists; give a new file name.")
    if not output.parent.is_dir():
        raise BackupError(f"The folder {output.parent} does not exist.")
    timing = Timing()
    storage = media_storage()
    # Work files sit next to the output: the same disk, and no personal data in /tmp.
    with tempfile.TemporaryDirectory(prefix=".thanrak-backup-", dir=output.parent) as work:
        dump = Path(work, DATABASE)
        with timing.step("database"):
            database, counts, migrations = write_dump(dump, using)
        with timing.step("hash files"):
            files = hash_media(storage, log)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "django": django.get_version(),
            "database": database,
            "migrations": migrations,
            "tables": counts,
            "media": {"included": storage is not None, "files": files},
        }
        with timing.step("archive"):
            write_archive(output, manifest, dump, storage)
    log(
        f"Backed up {database['objects']} rows of {len(counts)} tables and {len(files)} files "
        f"to {output} ({output.stat().st_size / 1e6:.1f} MB) in {timing.total:.1f} s "
        f"({', '.join(f'{k} {v:.1f} s' for k, v in timing.steps.items())})."
    )
    return manifest


def write_dump(dump: Path, using: str) -> tuple[dict, dict[str, int], dict[str, list[str]]]:
    """Dump every row to the file from one snapshot; return the manifest's database part,
    the row counts and the applied migrations of that same snapshot."""
    models = backup_models()
    with snapshot(using):
        with dump.open("w", encoding="utf-8") as stream:
            objects = dump_database(stream, models, using)
        counts = row_counts(counted_tables(models), using)
        migrations = applied_migrations(using)
    with dump.open("rb") as stream:
        database_sha256 = sha256_of(stream)
    database = {
        "vendor": connections[using].vendor,
        "file": DATABASE,
        "sha256": database_sha256,
        "size": dump.stat().st_size,
        "objects": objects,
        "excluded_models": sorted(EXCLUDED_MODELS),
    }
    return database, counts, migrations


def hash_media(storage: FileSystemStorage | None, log: Log) -> dict[str, dict]:
    """SHA-256 and size of every uploaded file, by its name in the storage."""
    files: dict[str, dict] = {}
    if storage is None:
        log("Uploaded files are not on local disk (S3): only the database is backed up.")
        return files
    for name, path in media_files(Path(storage.location)):
        with path.open("rb") as stream:
            files[name] = {"sha256": sha256_of(stream), "size": path.stat().st_size}
    return files


def write_archive(
    output: Path, manifest: dict, dump: Path, storage: FileSystemStorage | None
) -> None:
    """Write manifest, dump and files to a partial file, renamed to output when whole."""
    encoded = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    handle, partial = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    os.close(handle)  # mkstemp made it readable by its owner only
    try:
        with tarfile.open(partial, "w:gz", compresslevel=6, format=tarfile.PAX_FORMAT) as tar:
            tar.addfile(tar_info(MANIFEST, len(encoded)), io.BytesIO(encoded))
            with dump.open("rb") as stream:
                tar.addfile(tar_info(DATABASE, dump.stat().st_size), stream)
            if storage is not None:
                add_media(tar, Path(storage.location), manifest["media"]["files"])
        os.replace(partial, output)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def add_media(tar: tarfile.TarFile, root: Path, files: dict[str, dict]) -> None:
    for name, expected in files.items():
        path = root / name
        try:
            with path.open("rb") as stream:
                stat = os.fstat(stream.fileno())
                if stat.st_size != expected["size"]:
                    raise BackupError(f"{name} changed while it was backed up; run again.")
                reader = HashingReader(stream)
                tar.addfile(tar_info(MEDIA + name, stat.st_size, stat.st_mtime), reader)
        except FileNotFoundError:
            raise BackupError(f"{name} was deleted while it was backed up; run again.") from None
        if reader.digest.hexdigest() != expected["sha256"]:
            raise BackupError(f"{name} changed while it was backed up; run again.")


# Restore.


def read_manifest(tar: tarfile.TarFile, first: tarfile.TarInfo | None) -> dict:
    if first is None or first.name != MANIFEST or not first.isfile():
        raise BackupError("This is not a Thanrak backup: it does not start with manifest.json.")
    try:
        manifest = json.load(tar.extractfile(first))
    except ValueError:
        raise BackupError("The manifest of this backup is damaged.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError("This is not a Thanrak backup.")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"This backup is in format version {manifest.get('version')}; this Thanrak reads "
            f"version {VERSION}. Restore it with the Thanrak version that made it."
        )
    return manifest


def check_migrations(manifest: dict, using: str) -> None:
    """The database's tables must be those the rows were read from."""

    def pairs(migrations: dict[str, list[str]]) -> set[str]:
        return {f"{app}.{name}" for app, names in migrations.items() for name in names}

    here, there = pairs(applied_migrations(using)), pairs(manifest["migrations"])
    if here != there:
        lines = ["The database's migrations differ from the backup's:"]
        if there - here:
            lines.append(f"  only in the backup: {', '.join(sorted(there - here))}")
        if here - there:
            lines.append(f"  only in this database: {', '.join(sorted(here - there))}")
        lines.append(
            "Restore with the Thanrak version that made the backup (`manage.py migrate` to "
            "the same state), then upgrade."
        )
        raise BackupError("\n".join(lines))


def check_empty(tables: dict[str, type[Model]], storage: Storage | None, using: str) -> list[str]:
    """Refuse a database in use or a media folder with files; return the tables to clear.

    A database without any user account has never been used: the rows it may hold come
    from migrations or `load_areas`, and the backup's rows replace them.
    """
    users = get_user_model()._base_manager.using(using).count()
    if users:
        raise BackupError(
            f"The database is in use ({users} user accounts). Restore only into a new "
            "database: create it and run `manage.py migrate`, or empty this one with "
            "`manage.py flush` first."
        )
    if storage is not None and media_files(Path(storage.location)):
        raise BackupError(
            f"The media folder {storage.location} holds files. Restore only into an empty "
            "folder: move them away first."
        )
    return [table for table, model in tables.items() if model._base_manager.using(using).exists()]


def safe_media_name(member: tarfile.TarInfo) -> str:
    """The storage name of an archived file; refuse anything but a plain relative file."""
    parts = member.name.removeprefix(MEDIA).split("/")
    if (
        not member.isfile()
        or not member.name.startswith(MEDIA)
        or any(part in ("", ".", "..") for part in parts)
        or "\\" in member.name
        or "\0" in member.name
    ):
        raise BackupError(f"Unexpected entry in the backup: {member.name!r}.")
    return member.name.removeprefix(MEDIA)


def hashed_lines(stream: BinaryIO, digest) -> Iterator[bytes]:
    for line in stream:
        digest.update(line)
        yield line


def load_database(stream: BinaryIO, using: str) -> str:
    """Insert every row of the JSON Lines stream; return the stream's SHA-256.

    Rows are inserted as they are (raw: no save(), no signals, timestamps kept), a
    model's rows in batches.
    """
    digest = hashlib.sha256()
    objects = serializers.deserialize(
        "jsonl", hashed_lines(stream, digest), using=using, handle_forward_references=False
    )
    batch: list = []
    for item in objects:
        if batch and (type(item.object) is not type(batch[0].object) or len(batch) >= CHUNK):
            insert_rows(batch, using)
            batch = []
        batch.append(item)
    if batch:
        insert_rows(batch, using)
    return digest.hexdigest()


def insert_rows(batch: list, using: str) -> None:
    model = type(batch[0].object)
    meta = model._meta
    fields = [f for f in meta.local_concrete_fields if not f.generated]
    objs = [item.object for item in batch]
    size = connections[using].ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), size):
        # What save(raw=True) does for one row (loaddata), for many at once: bulk_create
        # would let auto_now fields overwrite the stored dates.
        model._base_manager.using(using)._insert(
            objs[start : start + size], fields=fields, raw=True, using=using
        )
    for m2m in meta.local_many_to_many:
        through = m2m.remote_field.through
        if not through._meta.auto_created:
            continue
        source = through._meta.get_field(m2m.m2m_field_name()).attname
        target = through._meta.get_field(m2m.m2m_reverse_field_name()).attname
        links = [
            through(**{source: item.object.pk, target: pk})
            for item in batch
            for pk in (item.m2m_data or {}).get(m2m.name, [])
        ]
        through._base_manager.using(using).bulk_create(links, batch_size=CHUNK)


def compare_counts(manifest: dict, tables: dict[str, type[Model]], using: str) -> list[str]:
    problems = []
    expected = manifest["tables"]
    for table in sorted(set(expected) | set(tables)):
        if table not in tables:
            problems.append(f"table {table} of the backup does not exist here")
            continue
        found = tables[table]._base_manager.using(using).count()
        if found != expected.get(table):
            problems.append(f"table {table}: {found} rows, the backup has {expected.get(table)}")
    return problems


def compare_files(manifest: dict, storage: FileSystemStorage | None) -> list[str]:
    if storage is None:
        return []
    expected = manifest["media"]["files"]
    present = dict(media_files(Path(storage.location)))
    problems = [f"file {name} is missing" for name in sorted(set(expected) - set(present))]
    problems += [
        f"file {name} is not in the backup" for name in sorted(set(present) - set(expected))
    ]
    for name in sorted(set(expected) & set(present)):
        with present[name].open("rb") as stream:
            if sha256_of(stream) != expected[name]["sha256"]:
                problems.append(f"file {name} differs from the backup (SHA-256)")
    return problems


def fail_if(problems: list[str], heading: str) -> None:
    if problems:
        shown = problems[:20] + ([f"… and {len(problems) - 20} more"] if len(problems) > 20 else [])
        raise BackupError("\n  ".join([heading, *shown]))


def restore_backup(archive: Path, *, using: str = DEFAULT_DB_ALIAS, log: Log = print) -> dict:
    """Restore a backup into an empty database and media folder, then check it all.

    The rows and the files go in together: if anything fails, the database is rolled
    back and the files written so far are deleted. After the commit every table is
    counted and every file hashed again, against the manifest.
    """
    timing = Timing()
    storage = media_storage()
    tables = counted_tables(backup_models())
    try:
        with tarfile.open(archive, "r|gz") as tar:
            manifest, files = restore_from(tar, tables, storage, using, timing, log)
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError(f"The backup {archive} is damaged: {error}") from None
    with timing.step("verify"):
        fail_if(
            compare_counts(manifest, tables, using) + compare_files(manifest, storage),
            "The restored data differs from the backup:",
        )
    log(
        f"Restored {manifest['database']['objects']} rows of {len(tables)} tables and "
        f"{len(files)} files from the backup of {manifest['created_at']} "
        f"({manifest['database']['vendor']}) in {timing.total:.1f} s "
        f"({', '.join(f'{k} {v:.1f} s' for k, v in timing.steps.items())}); "
        "every row count and file hash matches."
    )
    return manifest


def restore_from(
    tar: tarfile.TarFile,
    tables: dict[str, type[Model]],
    storage: FileSystemStorage | None,
    using: str,
    timing: Timing,
    log: Log,
) -> tuple[dict, dict]:
    connection = connections[using]
    members = iter(tar)
    manifest = read_manifest(tar, next(members, None))
    check_migrations(manifest, using)
    to_clear = check_empty(tables, storage, using)
    files = manifest["media"]["files"] if manifest["media"]["included"] else {}
    if files and storage is None:
        raise BackupError("The backup holds files but uploads here are not on local disk.")
    written: list[str] = []
    try:
        with transaction.atomic(using=using):
            if to_clear:
                log(f"Replacing rows made by migrations or load_areas in: {', '.join(to_clear)}")
                flush = connection.ops.sql_flush(no_style(), list(tables), allow_cascade=True)
                connection.ops.execute_sql_flush(flush)
            member = next(members, None)
            if member is None or member.name != DATABASE:
                raise BackupError("The backup has no database.jsonl after its manifest.")
            with timing.step("database"):
                digest = load_database(tar.extractfile(member), using)
                if digest != manifest["database"]["sha256"]:
                    raise BackupError("database.jsonl differs from the backup (SHA-256).")
                connection.check_constraints(table_names=list(tables))
                reset_sequences(tables, using)
                fail_if(
                    compare_counts(manifest, tables, using),
                    "The restored rows differ from the backup:",
                )
            with timing.step("files"):
                for member in members:
                    name = safe_media_name(member)
                    if name not in files or name in written:
                        raise BackupError(f"{name} is not in the manifest of the backup.")
                    written.append(name)
                    restore_file(storage, name, tar.extractfile(member), files[name])
                fail_if(
                    [f"file {n} is missing" for n in sorted(set(files) - set(written))],
                    "The backup lacks files:",
                )
    except BaseException:
        for name in written:
            storage.delete(name)
        raise
    return manifest, files


def restore_file(storage: FileSystemStorage, name: str, stream: BinaryIO, expected: dict) -> None:
    reader = HashingReader(stream)
    saved = storage.save(name, reader)
    if saved != name:
        storage.delete(saved)
        raise BackupError(f"{name} could not be written under its own name.")
    if reader.digest.hexdigest() != expected["sha256"] or reader.size != expected["size"]:
        raise BackupError(f"{name} differs from the backup (SHA-256).")


def reset_sequences(tables: dict[str, type[Model]], using: str) -> None:
    """Set PostgreSQL's id sequences past the restored ids (nothing to do on SQLite)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), list(tables.values()))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
