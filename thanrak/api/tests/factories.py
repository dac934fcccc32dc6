"""Tokens for the API's tests, and URL objects of the API for the policy walk
(tests/test_policy.py)."""

import datetime as dt

from django.utils import timezone

from thanrak.accounts.models import ApiToken, token_grant
from thanrak.accounts.tokens import digest_of
from thanrak.centers.records import KINDS as CENTER_KINDS
from thanrak.evidence.services import evidence_attach
from thanrak.evidence.tests.factories import ensure_temporary_media_root, image_bytes, upload
from thanrak.monitoring.models import ItemFinding, Visit
from thanrak.monitoring.tests.factories import make_visit
from thanrak.producers.records import KINDS as PRODUCER_KINDS


def make_api_token(user, secret: str) -> str:
    """A token of the user with this secret, valid until tomorrow, as the profile makes one."""
    ApiToken.objects.create(
        user=user,
        name="tests",
        prefix=secret[:10],
        digest=digest_of(secret),
        expires_on=timezone.localdate() + dt.timedelta(days=1),
        granted_as=token_grant(user),
    )
    return secret


def url_checklist_item(district_code: str) -> int:
    """An item of the checklist of the district's visit (the walk's visit)."""
    visit = Visit.objects.get(pk=make_visit(district_code))
    return visit.round.checklist.first().pk


def _photo_of(record) -> int:
    ensure_temporary_media_root()
    photo = upload("ภาพประกอบ.png", image_bytes(), "image/png")
    return evidence_attach(record=record, file=photo, user=None).pk


def url_photo(district_code: str) -> int:
    """A photo of the finding of the walk's visit for the item ``url_checklist_item`` gives."""
    visit = Visit.objects.get(pk=make_visit(district_code))
    finding, _created = ItemFinding.objects.get_or_create(
        visit=visit, item=visit.round.checklist.first()
    )
    return _photo_of(finding)


def url_record_file(app: str, kind):
    """A factory of a photo of the newest record of the kind in the district: the record
    the URL's own keyword has just made (it comes before the file in the URL)."""

    def make(district_code: str) -> int:
        where = {"center__district_id" if app == "centers" else "district_id": district_code}
        return _photo_of(kind.model.objects.filter(**where).latest("pk"))

    return make


URL_OBJECTS = {
    "checklist_item": url_checklist_item,
    "photo": url_photo,
    **{
        # writes.file_keyword: the kind's key and «_file».
        f"{kind.key}_file": url_record_file(app, kind)
        for app, kinds in (("centers", CENTER_KINDS), ("producers", PRODUCER_KINDS))
        for kind in kinds.values()
    },
}
