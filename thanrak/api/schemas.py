"""Shapes shared by the operations: errors, areas, pages of a list, evidence files."""

from django.urls import reverse
from ninja import Schema


class Error(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str]
    msg: str


class Invalid(Schema):
    detail: str
    errors: list[FieldError] = []


# The refusals every operation may answer with, documented in the OpenAPI document.
ERRORS = {401: Error, 403: Error, 404: Error, 422: Invalid, 429: Error}


class Area(Schema):
    code: str
    name_th: str
    name_en: str


class EvidenceOut(Schema):
    id: int
    name: str
    kind: str
    purpose: str
    content_type: str
    size: int
    download: str


def evidence_out(item) -> dict:
    """An evidence file as answered: its download through the access-checked view."""
    return {
        "id": item.pk,
        "name": item.original_name,
        "kind": item.kind,
        "purpose": item.purpose,
        "content_type": item.content_type_name,
        "size": item.size,
        "download": reverse("evidence:download", args=[item.pk]),
    }
