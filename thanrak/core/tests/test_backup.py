"""Backup and restore: the demo comes back row for row and file for file."""

import hashlib
import io
import shutil
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connection

from conftest import ensure_reference_rows
from thanrak.accounts.models import Role, User
from thanrak.core.backup import BackupError, safe_media_name, write_dump
from thanrak.evidence.models import Evidence
from thanrak.evidence.tests.factories import make_evidence


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def table_counts() -> dict[str, int]:
    """The row count of every table in the database, Django's own included."""
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def archived(archive: Path, name: str) -> bytes:
    with tarfile.open(archive, "r:gz") as tar:
        return tar.extractfile(name).read()


def empty_everything(media_root: Path) -> None:
    """What a new server has: migrated tables, no rows, no files."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root, ignore_errors=True)


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# On SQLite the round trip starts from the suite's shared demo (loaded once per process)
# inside its open transaction. PostgreSQL refuses to TRUNCATE tables whose foreign-key
# checks are still pending in an open transaction, so there the test commits a demo of its own.
ON_POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture
def demo_media(demo, media_root):
    """The shared demo, its files copied to this test's media folder (which it empties)."""
    shutil.copytree(demo.media_root, media_root)
    yield media_root
    # The test makes the content types again with other ids, which its rollback undoes:
    # the next test must not find the new ids in the cache.
    ContentType.objects.clear_cache()


@pytest.mark.skipif(ON_POSTGRESQL, reason="PostgreSQL: the committed demo's test below")
def test_the_demo_comes_back_row_for_row_and_file_for_file(demo_media, tmp_path):
    demo_comes_back_row_for_row_and_file_for_file(demo_media, tmp_path)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="SQLite: the shared demo's test above")
@pytest.mark.django_db(transaction=True)
def test_the_committed_demo_comes_back_row_for_row_and_file_for_file(media_root, tmp_path):
    # The demo needs the areas and the committee's standard positions: a transactional test
    # that ran before may have emptied their tables.
    ensure_reference_rows()
    run("load_demo")
    demo_comes_back_row_for_row_and_file_for_file(media_root, tmp_path)


def demo_comes_back_row_for_row_and_file_for_file(media_root: Path, tmp_path: Path) -> None:
    phunphin = User.objects.get(username="phunphin")
    phunphin.user_permissions.add(Permission.objects.get(codename="view_evidence"))
    photo = Evidence.objects.filter(kind="image").order_by("pk").first()
    photo_record = (photo.pk, type(photo.record).__name__, photo.record.pk)
    evidence_type_id = ContentType.objects.get_for_model(Evidence).pk
    counts, hashes = table_counts(), file_hashes(media_root)
    assert len(hashes) > 500 and counts["evidence_evidence"] > 200

    archive = tmp_path / "thanrak.tar.gz"
    assert "Backed up" in run("backup", "--output", str(archive))
    assert archive.stat().st_mode & 0o777 == 0o600  # personal data: the owner only

    empty_everything(media_root)
    # Content types made again get other ids: the backup refers to them by name.
    ContentType.objects.all().delete()
    ContentType.objects.clear_cache()
    # SQLite may hand out the deleted ids again, in the same order: shift them.
    ContentType.objects.create(app_label="shift", model="ids")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    ContentType.objects.filter(app_label="shift").delete()
    assert ContentType.objects.get_for_model(Evidence).pk != evidence_type_id
    # A new server has Thailand's areas loaded: rows that the backup's replace.
    run("load_areas")

    assert "every row count and file hash matches" in run("restore", str(archive))

    assert table_counts() == counts
    assert file_hashes(media_root) == hashes
    # Every field of every row, dates to the microsecond: the backup's dump of the
    # restored database holds exactly the same rows (its files were compared above).
    again = tmp_path / "again.jsonl"
    write_dump(again, DEFAULT_DB_ALIAS)
    assert again.read_bytes() == archived(archive, "database.jsonl")

    photo = Evidence.objects.get(pk=photo_record[0])
    assert (photo.pk, type(photo.record).__name__, photo.record.pk) == photo_record
    phunphin = User.objects.get(username="phunphin")
    assert phunphin.check_password("thanrak-demo")
    assert phunphin.user_permissions.get().codename == "view_evidence"
    # PostgreSQL's sequences were moved past the restored ids.
    assert User.objects.create_user("newcomer", role=Role.VIEWER).pk > phunphin.pk


@pytest.mark.django_db(transaction=True)
def test_a_file_changed_in_the_backup_fails_the_restore_and_leaves_nothing(media_root, tmp_path):
    run("load_areas")
    make_evidence("8417")
    User.objects.create_user("officer", role=Role.VIEWER)
    archive, tampered = tmp_path / "good.tar.gz", tmp_path / "tampered.tar.gz"
    run("backup", "--output", str(archive))
    with tarfile.open(archive, "r:gz") as source, tarfile.open(tampered, "w:gz") as target:
        members = source.getmembers()
        last_photo = [m.name for m in members if m.name.startswith("media/")][-1]
        for member in members:
            data = source.extractfile(member).read()
            if member.name == last_photo:  # one bit of the last file: the others are written
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.addfile(member, io.BytesIO(data))
    empty_everything(media_root)

    with pytest.raises(CommandError, match=r"differs from the backup \(SHA-256\)"):
        run("restore", str(tampered))
    assert not User.objects.exists() and not Evidence.objects.exists()
    assert file_hashes(media_root) == {}


def test_restore_refuses_a_database_in_use(media_root, tmp_path, db):
    User.objects.create_user("officer", role=Role.VIEWER)
    archive = tmp_path / "thanrak.tar.gz"
    run("backup", "-o", str(archive))
    with pytest.raises(CommandError, match=r"The database is in use \(1 user accounts\)"):
        run("restore", str(archive))
    with pytest.raises(CommandError, match="already exists"):
        run("backup", "-o", str(archive))


def test_restore_refuses_what_is_not_a_thanrak_backup(tmp_path, db):
    other = tmp_path / "photos.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        info = tarfile.TarInfo("photo.jpg")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"abc"))
    with pytest.raises(CommandError, match="not a Thanrak backup"):
        run("restore", str(other))
    not_gzip = tmp_path / "notes.tar.gz"
    not_gzip.write_text("hello")
    with pytest.raises(CommandError, match="is damaged"):
        run("restore", str(not_gzip))


@pytest.mark.parametrize(
    "name",
    ["media/../config/settings.py", "media//etc/passwd", "/media/a.jpg", "media/./a.jpg", "a.jpg"],
)
def test_an_archived_file_may_only_land_inside_the_media_folder(name):
    with pytest.raises(BackupError, match="Unexpected entry"):
        safe_media_name(tarfile.TarInfo(name))
    assert safe_media_name(tarfile.TarInfo("media/evidence/8417/a.jpg")) == "evidence/8417/a.jpg"
