"""Benchmarks (`make bench`): importing a 10,000-row producers workbook.

``import_producers_10k`` is the seconds taken to read, check every row of and write a
10,000-row .xlsx of OTOP producers into one district (the work of the two background
tasks, without the queue), on the scratch SQLite database of ``manage.py bench``.
"""

import time

from thanrak.areas.models import District
from thanrak.core.spreadsheets import Workbook, workbook_bytes
from thanrak.producers.imports import SPECS, check_file, write_records
from thanrak.producers.models import Producer

ROWS = 10_000
CRAFTS = ["ผ้าทอ", "ไข่เค็ม", "น้ำมันมะพร้าว", "กาแฟคั่ว", "จักสาน", "ทุเรียนกวน", "ผ้าบาติก"]


def producers_workbook(rows: int = ROWS) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("ข้อมูล")
    sheet.append([c.header for c in SPECS["producers"]])
    for i in range(1, rows + 1):
        craft = CRAFTS[i % len(CRAFTS)]
        sheet.append(
            [
                f"กลุ่ม{craft}บ้านที่ {i}",
                "กลุ่มผู้ผลิตชุมชน" if i % 5 else "ผู้ผลิตที่เป็น SMEs",
                f"8417-{i:05d}",
                2550 + i % 13,
                f"{i} หมู่ {i % 12 + 1}",
                "ตลาดนัดชุมชน; เพจเฟซบุ๊ก",
                f"{craft}ฝีมือชาวบ้าน",
            ]
        )
    return workbook_bytes(book)


def import_producers_10k() -> tuple[float, str]:
    district = District.objects.get(pk="8417")
    data = producers_workbook()
    started = time.perf_counter()
    checked = check_file(data, "producers.xlsx", "producers", district)
    if checked.errors:
        raise RuntimeError(checked.errors[:3])
    write_records(checked, "producers", district, None)
    elapsed = time.perf_counter() - started
    if Producer.objects.filter(district=district).count() != ROWS:
        raise RuntimeError("not every row was written")
    return elapsed, "s"


BENCHMARKS = {"import_producers_10k": import_producers_10k}
