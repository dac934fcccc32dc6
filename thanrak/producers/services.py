"""Writes that span models: a record, its rows (members, stages, certifications…), its files."""

from django.db import transaction
from django.db.models import Model
from django.forms import BaseFormSet, ModelForm

from thanrak.accounts.models import User
from thanrak.areas.models import District
from thanrak.evidence.services import evidence_attach_many, evidence_delete
from thanrak.producers.models import Group, Producer, Service, StageChange


@transaction.atomic
def record_save(
    *, form: ModelForm, district: District, user: User, formsets: list[BaseFormSet] = ()
) -> Model:
    """Save a record with its rows and new files: everything or nothing."""
    record = form.save(commit=False)
    record.district = district
    if record.pk is None:
        record.created_by = user
    if isinstance(record, Service):
        service_derive_target_group(service=record)
    record._history_user = user
    record.save()
    form.save_m2m()
    for formset in formsets:
        formset.instance = record
        rows = formset.save(commit=False)
        for row in rows:
            if isinstance(row, StageChange):
                row.district = district
            row.save()
        for row in formset.deleted_objects:
            row.delete()
    if isinstance(record, (Group, Producer)):
        stage_sync(record=record)
    files = form.cleaned_data.get("files") or []
    if files:
        evidence_attach_many(record=record, files=files, user=user)
    return record


def stage_sync(*, record: Group | Producer) -> None:
    """Keep the record's current stage equal to its latest dated stage change."""
    latest = record.stage_changes.order_by("-date", "-id").first()
    if latest is not None and latest.stage != record.stage:
        # Saved, not updated in place: the record's history says who moved it and when,
        # rather than showing the new stage as a change of the next person who saves it.
        record.stage = latest.stage
        record.save(update_fields=["stage", "updated_at"])
    group_follow_producer(record=record)


def group_follow_producer(*, record: Group | Producer) -> None:
    """A group registered as a producer stands where its producer stands (if further on)."""
    if isinstance(record, Producer) and record.group_id:
        # Stage values sort in path order ("3_producing" < "4_registered").
        for group in Group.objects.filter(pk=record.group_id, stage__lt=record.stage):
            group.stage = record.stage
            group._history_user = getattr(record, "_history_user", None)
            group.save(update_fields=["stage", "updated_at"])


def service_derive_target_group(*, service: Service) -> None:
    """A known group's or producer's target-group type comes from its stage, never typed."""
    known = service.producer or service.group
    if known is not None:
        service.target_group = known.target_group
        if not service.visitor_name:
            service.visitor_name = known.name


@transaction.atomic
def record_delete(*, record: Model, user: User) -> None:
    """Delete a record and its evidence files."""
    for evidence in list(record.evidence.all()):
        evidence_delete(evidence=evidence, user=user)
    record.delete()
