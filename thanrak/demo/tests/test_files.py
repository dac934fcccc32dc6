"""The demo's files are attached as an upload of them would be, whatever it reuses."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from thanrak.demo import files
from thanrak.evidence.models import Evidence
from thanrak.evidence.services import evidence_attach
from thanrak.rules.tests import factories as f


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def cache(settings, tmp_path):
    """An empty cache folder of the test's own, and nothing kept in the process."""
    settings.DEMO_FILES_CACHE = tmp_path / "demo-files"
    files.prepared.cache_clear()
    yield settings.DEMO_FILES_CACHE
    files.prepared.cache_clear()


def stored(evidence: Evidence) -> tuple:
    thumbnail = evidence.thumbnail.read() if evidence.thumbnail else b""
    return (
        evidence.file.read(),
        thumbnail,
        evidence.kind,
        evidence.purpose,
        evidence.content_type_name,
        evidence.extension,
        evidence.original_name,
        evidence.caption,
        evidence.size,
        evidence.district_id,
    )


@pytest.mark.parametrize(
    ("demo_file", "name", "purpose"),
    [
        (files.photo(7), "activity.jpg", "photo"),
        (files.pdf("รายงานการประชุม", ["มติที่ประชุม รับทราบ"]), "minutes.pdf", "minutes"),
    ],
)
def test_a_demo_file_is_stored_as_its_upload_would_be(centers, cache, demo_file, name, purpose):
    record = f.activity(centers["8417"], dt.date(2020, 2, 10), evidence=False)
    files.attach(record, demo_file, name, None, purpose, caption="ภาพ")  # made and kept
    files.attach(record, demo_file, name, None, purpose, caption="ภาพ")  # reused in the process
    files.prepared.cache_clear()
    files.attach(record, demo_file, name, None, purpose, caption="ภาพ")  # read from the folder
    uploaded = evidence_attach(
        record=record,
        file=ContentFile(demo_file.data, name=name),
        user=None,
        caption="ภาพ",
        purpose=purpose,
    )
    demo_made = list(record.evidence.exclude(pk=uploaded.pk).order_by("pk"))
    assert len(demo_made) == 3
    assert len({e.file.name for e in [*demo_made, uploaded]}) == 4  # a file of its own each
    assert [stored(e) for e in demo_made] == [stored(uploaded)] * 3
    assert len(list(cache.glob("*/*.djcache"))) == 1


def test_a_damaged_or_missing_entry_is_made_again(cache):
    demo_file = files.photo(5, (640, 480))
    made = files.prepared(demo_file)
    (entry,) = cache.glob("*/*.djcache")
    whole = entry.read_bytes()
    for damaged in (whole[: len(whole) // 2], b"", whole[:-1] + bytes([whole[-1] ^ 1])):
        entry.write_bytes(damaged)
        files.prepared.cache_clear()
        assert files.prepared(demo_file) == made
        assert entry.read_bytes() == whole
    entry.unlink()
    files.prepared.cache_clear()
    assert files.prepared(demo_file) == made
    assert entry.read_bytes() == whole
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no temporary file left


def test_the_key_follows_the_inputs_and_the_folder_the_code_and_the_checks(settings, cache):
    keys = {
        files._key(files.photo(1)),
        files._key(files.photo(2)),
        files._key(files.photo(1, (640, 480))),
        files._key(files.pdf("บันทึก", ["ก"])),
        files._key(files.pdf("บันทึก", ["ข"])),
    }
    assert len(keys) == 5
    assert files._key(files.photo(1)) == files._key(files.photo(1))
    # The generator's and the upload pipeline's source are part of the folder's name.
    assert {p.name for p in files._SOURCES} == {"files.py", "services.py", "validation.py"}
    assert {p.parent.name for p in files._SOURCES} == {"demo", "evidence"}
    files.prepared(files.photo(1))
    (before,) = cache.iterdir()
    (cache / "0123.djcache").write_bytes(b"an entry of the older flat layout")
    settings.EVIDENCE_MAX_PIXELS = settings.EVIDENCE_MAX_PIXELS // 2
    files._fingerprint.cache_clear()
    files.prepared.cache_clear()
    try:
        files.prepared(files.photo(1))
        (after,) = cache.iterdir()  # the old folder and the stray entry are gone
        assert after.name != before.name and len(list(after.iterdir())) == 1
    finally:
        files._fingerprint.cache_clear()


def test_a_photo_is_drawn_again_the_same():
    assert files.photo(11).data == files.photo(11).data
    assert files.photo(11).data != files.photo(12).data
