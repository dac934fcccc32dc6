"""The readiness notes count in the reader's language: one record, two records."""

from django.utils import translation

from thanrak.centers.models import Publicity
from thanrak.rules.selectors import _publicity_item


def note(count: int, language: str) -> str:
    # Each with a link: ready, whatever files they have.
    records = [Publicity(url=f"https://example.go.th/{i}") for i in range(count)]
    with translation.override(language):
        return _publicity_item(records, 2570).note


def test_one_record_reads_in_the_singular_and_more_in_the_plural():
    assert note(1, "en") == "1 publicity record, with a link or a file."
    assert note(2, "en") == "2 publicity records, each with a link or a file."
    assert note(1, "th") == "มีการเผยแพร่ประชาสัมพันธ์ 1 ครั้ง ทุกครั้งมีลิงก์หรือไฟล์"
