"""Shapes shared by the operations: errors, areas, pages of a list."""

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
