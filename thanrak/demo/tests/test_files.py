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
    ("make", "name", "purpose"),
    [
        (lambda: files.photo(7), "activity.jpg", "photo"),
        (lambda: files.pdf("รายงานการประชุม", ["มติที่ประชุม รับทราบ"]), "minutes.pdf", "minutes"),
    ],
)
def test_a_demo_file_is_stored_as_its_upload_would_be(centers, make, name, purpose):
    data = make()
    record = f.activity(centers["8417"], dt.date(2020, 2, 10), evidence=False)
    files.attach(record, data, name, None, purpose, caption="ภาพ")
    files.attach(record, data, name, None, purpose, caption="ภาพ")  # the second: reused
    uploaded = evidence_attach(
        record=record, file=ContentFile(data, name=name), user=None, caption="ภาพ", purpose=purpose
    )
    demo_made = list(record.evidence.exclude(pk=uploaded.pk).order_by("pk"))
    assert len(demo_made) == 2
    assert len({e.file.name for e in [*demo_made, uploaded]}) == 3  # a file of its own each
    assert [stored(e) for e in demo_made] == [stored(uploaded)] * 2


def test_a_photo_is_drawn_again_the_same():
    assert files.photo(11) == files.photo.__wrapped__(11)
    assert files.photo(11) != files.photo(12)
