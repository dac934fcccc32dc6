"""Records of this app for a district, for tests and the URL walk."""

import datetime as dt
import io

from django.core.files.base import ContentFile

from thanrak.accounts.models import User
from thanrak.producers.models import (
    Certification,
    Group,
    ImportJob,
    Member,
    Producer,
    Product,
    Service,
    Stage,
    StageChange,
    Wisdom,
    WisdomBranch,
)

DAY = dt.date(2020, 2, 20)

# Checksum-correct but obviously fake citizen IDs (see thanrak.demo.producers).
FAKE_CITIZEN_ID = "1111111111119"


def make_wisdom(district_code: str, title: str = "การทอผ้ายกดอก", **extra) -> Wisdom:
    fields = {"branch": WisdomBranch.INDUSTRY, **extra}
    return Wisdom.objects.create(district_id=district_code, title=title, **fields)


def make_group(district_code: str, name: str = "กลุ่มทอผ้าพุมเรียง", **extra) -> Group:
    group = Group.objects.create(district_id=district_code, name=name, **extra)
    StageChange.objects.create(district_id=district_code, group=group, stage=Stage.GROUP, date=DAY)
    Member.objects.create(
        group=group, name="นางทดสอบ ระบบ", citizen_id=FAKE_CITIZEN_ID, phone="0812345678"
    )
    return group


def make_producer(district_code: str, name: str = "กลุ่มแม่บ้านไข่เค็ม", **extra) -> Producer:
    fields = {"kind": Producer.Kind.COMMUNITY, "registration_number": "0001", **extra}
    producer = Producer.objects.create(district_id=district_code, name=name, **fields)
    StageChange.objects.create(
        district_id=district_code, producer=producer, stage=Stage.REGISTERED, date=DAY
    )
    return producer


def make_product(district_code: str, name: str = "ไข่เค็มดินจอมปลวก", **extra) -> Product:
    producer = extra.pop("producer", None) or make_producer(district_code)
    fields = {"category": Product.Category.FOOD, **extra}
    product = Product.objects.create(
        district_id=district_code, producer=producer, name=name, **fields
    )
    Certification.objects.create(
        product=product, kind=Certification.Kind.MPC, number="1/2563", expires_on=DAY
    )
    return product


def make_service(district_code: str) -> Service:
    return Service.objects.create(
        district_id=district_code,
        date=DAY,
        visitor=Service.Visitor.PERSON,
        visitor_name="ผู้มาติดต่อ",
        target_group="1",
        kind=Service.Kind.ADVICE,
    )


def make_job(district_code: str) -> ImportJob:
    from thanrak.producers.imports import template_workbook

    user = User.objects.filter(district_id=district_code).first()
    return ImportJob.objects.create(
        district_id=district_code,
        kind=ImportJob.Kind.PRODUCERS,
        file=ContentFile(template_workbook("producers"), name="p.xlsx"),
        original_name="p.xlsx",
        created_by=user,
        status=ImportJob.Status.INVALID,
    )


URL_OBJECTS = {
    "wisdom": lambda code: make_wisdom(code).pk,
    "group": lambda code: make_group(code).pk,
    "producer": lambda code: make_producer(code).pk,
    "product": lambda code: make_product(code).pk,
    "service": lambda code: make_service(code).pk,
    "job": lambda code: make_job(code).pk,
}


def workbook(headers: list[str], rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
