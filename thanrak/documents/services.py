"""Writes of the documents app: the report's review workflow, letters, generated files.

Every change of a report's status goes through here: the rules of the workflow live in
one place, and each refusal is a whole Thai sentence (a ValidationError). A report keeps
what its form said when it was submitted (``Report.contents``) until it is returned.
"""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thanrak.accounts.access import can_manage_province, can_write_district
from thanrak.accounts.models import User
from thanrak.centers.models import Center, Report
from thanrak.core.periods import Period
from thanrak.core.thai import format_date_text
from thanrak.documents.columns import NARRATIVE_KEYS
from thanrak.documents.models import GeneratedDocument, Letter, Letterhead
from thanrak.documents.selectors import (
    has_review,
    kept_contents,
    report_content,
    report_contents,
)
from thanrak.documents.signals import letter_saved, report_reviewed, report_submitted
from thanrak.monitoring.services import schedule_version_freeze

Status = Report.Status


def _locked_report(center: Center, period: Period) -> Report:
    if not has_review(period):
        raise ValidationError(
            _("A month's report is a working document: only quarter and year reports are reviewed.")
        )
    report, _created = Report.objects.select_for_update().get_or_create(
        center=center, fiscal_year=period.fiscal_year, quarter=period.quarter
    )
    return report


def _district_may_change(report: Report, user: User) -> None:
    if not can_write_district(user, report.center.district):
        raise ValidationError(_("Only the district's own officer may change its report."))
    if report.status == Status.ACCEPTED:
        raise ValidationError(
            _("The province has accepted this report: it is locked and cannot be changed.")
        )
    if report.status == Status.SUBMITTED:
        raise ValidationError(
            _("This report has been submitted and is waiting for review: it cannot be changed now.")
        )


@transaction.atomic
def report_save_narrative(
    *, center: Center, period: Period, user: User, narrative: dict[str, str]
) -> Report:
    """Save the officer's narrative per column (a draft or a returned report only). The
    same words again write nothing (no history step that changes nothing)."""
    report = _locked_report(center, period)
    _district_may_change(report, user)
    words = {k: (narrative.get(k) or "").strip() for k in NARRATIVE_KEYS}
    if words != report.narrative:
        report.narrative = words
        report.save()
    return report


@transaction.atomic
def report_submit(*, center: Center, period: Period, user: User) -> Report:
    report = _locked_report(center, period)
    _district_may_change(report, user)
    if period.start > timezone.localdate():
        raise ValidationError(
            _("This period has not begun yet: its report can be submitted once it has.")
        )
    # The form as sent: what the province reviews and accepts, whatever the records of the
    # period become after (selectors.report_contents reads it back).
    report.contents = _contents_in_thai(center, period)
    report.status = Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = user
    report.save()
    report_submitted.send(sender=Report, report=report)
    return report


def _contents_in_thai(center: Center, period: Period) -> dict:
    """The report form as a report keeps it: in Thai, whatever the user's language."""
    with translation.override("th"):
        return kept_contents(report_content(center, period))


def reports_keep_contents() -> int:
    """Keep the contents of the submitted and accepted reports that have none (submitted
    before reports kept them, or written without ``report_submit``, as the demo's are): what
    their records say now. Read in one batch per province and period; returns how many."""
    missing = Report.objects.filter(status__in=Report.DONE_STATES, contents={}).select_related(
        "center__district"
    )
    batches: dict[tuple[str, int, int], list[Report]] = {}
    for report in missing:
        key = (report.center.district.province_id, report.fiscal_year, report.quarter)
        batches.setdefault(key, []).append(report)
    kept = []
    for (_province, fiscal_year, quarter), reports in batches.items():
        by_center = {report.center_id: report for report in reports}
        centers = [report.center for report in reports]
        with translation.override("th"):
            read = report_contents(centers, Period(fiscal_year, quarter))
        for content in read:
            report = by_center[content.center.pk]
            report.contents = kept_contents(content)
            kept.append(report)
    Report.objects.bulk_update(kept, ["contents"], batch_size=500)
    return len(kept)


def _province_review(report: Report, user: User) -> None:
    if not can_manage_province(user, report.center.district.province):
        raise ValidationError(_("Only the province officer may review the district's reports."))
    if report.status != Status.SUBMITTED:
        if report.status == Status.ACCEPTED:
            raise ValidationError(_("This report has already been accepted."))
        raise ValidationError(
            _("The district has not submitted this report yet: it cannot be reviewed.")
        )


@transaction.atomic
def report_accept(*, report: Report, user: User, comment: str = "") -> Report:
    report = Report.objects.select_for_update().select_related("center__district").get(pk=report.pk)
    _province_review(report, user)
    if not report.contents:  # submitted before reports kept what they said
        period = Period(report.fiscal_year, report.quarter)
        report.contents = _contents_in_thai(report.center, period)
    report.status = Status.ACCEPTED
    report.comment = comment.strip()
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    report.save()
    report_reviewed.send(sender=Report, report=report)
    return report


@transaction.atomic
def report_return(*, report: Report, user: User, comment: str) -> Report:
    report = Report.objects.select_for_update().select_related("center__district").get(pk=report.pk)
    _province_review(report, user)
    if not comment.strip():
        raise ValidationError(_("Write what the district should correct before returning it."))
    report.status = Status.RETURNED
    report.contents = {}  # the district corrects it from its records, and sends it anew
    report.comment = comment.strip()
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    report.save()
    report_reviewed.send(sender=Report, report=report)
    return report


@transaction.atomic
def report_set_due(*, report: Report, user: User, due_on) -> Report:
    if not can_manage_province(user, report.center.district.province):
        raise ValidationError(_("Only the province officer may set when reports are due."))
    if report.status == Status.ACCEPTED:
        raise ValidationError(_("This report has already been accepted: it is due no more."))
    start = Period(report.fiscal_year, report.quarter).start
    if due_on is not None and due_on < start:
        raise ValidationError(
            _("A report cannot be due before its period begins on %(start)s.")
            % {"start": format_date_text(start)}
        )
    report.due_on = due_on
    report.save(update_fields=["due_on", "updated_at"])
    return report


@transaction.atomic
def letter_save(*, letter: Letter, user: User) -> Letter:
    """Save the letter; a letter of a round keeps the schedule it is issued with from its
    first save on (later changes of the visits make new versions, not a new attachment)."""
    if not can_manage_province(user, letter.province):
        raise ValidationError(_("Only the province officer may write the province's letters."))
    letter_freeze_schedule(letter)
    letter.save()
    letter_saved.send(sender=Letter, letter=letter)
    return letter


def letter_freeze_schedule(letter: Letter) -> None:
    """Attach the round's schedule as it is now, unless the letter already has its own."""
    if letter.round_id is None:
        letter.schedule_version = None
    elif letter.schedule_version is None or letter.schedule_version.round_id != letter.round_id:
        letter.schedule_version = schedule_version_freeze(round_=letter.round)


def letterhead_set_emblem(*, letterhead: Letterhead, emblem: File | None) -> Letterhead:
    """Store the emblem (a PNG cleaned by forms.EmblemField), or remove it when None.

    The file it replaces is deleted once the change is committed.
    """
    return _letterhead_set_file(letterhead, "emblem", emblem, "emblem.png")


def letterhead_set_guideline(*, letterhead: Letterhead, guideline: File | None) -> Letterhead:
    """Store the guideline (a PDF checked by forms.GuidelineField), or remove it when None."""
    return _letterhead_set_file(letterhead, "guideline", guideline, "guideline.pdf")


def _letterhead_set_file(letterhead: Letterhead, field: str, file: File | None, name: str):
    storage = getattr(letterhead, field).storage
    new_name = ""
    try:
        with transaction.atomic():
            # What is stored now (a bound form has already set the instance's field).
            old_name = (
                Letterhead.objects.select_for_update()
                .filter(pk=letterhead.pk)
                .values_list(field, flat=True)
                .first()
            )
            if file is None:
                setattr(letterhead, field, "")
            else:
                getattr(letterhead, field).save(name, file, save=False)
                new_name = getattr(letterhead, field).name
            letterhead.save(update_fields=[field, "updated_at"])
            if old_name:
                transaction.on_commit(lambda: storage.delete(old_name))
    except BaseException:
        if new_name:
            storage.delete(new_name)
        raise
    return letterhead


def generated_document_store(*, document: GeneratedDocument, data: bytes, filename: str) -> None:
    """Keep a finished document so it can be downloaded again."""
    document.file.save(filename, ContentFile(data), save=False)
    document.status = GeneratedDocument.Status.DONE
    document.progress = 100
    document.finished_at = timezone.now()
    document.save()


def export_request(
    *,
    user,
    what: str,
    fiscal_year: int = 0,
    district=None,
    province=None,
) -> GeneratedDocument:
    """Queue the export of a list for the worker; the area is already the user's to read.

    People's data are hidden in it unless the user may see them.
    """
    from thanrak.accounts.policy import sees_personal_data
    from thanrak.documents import exports, tasks

    if district is not None:
        province = district.province
    document = GeneratedDocument(
        kind=GeneratedDocument.Kind.EXPORT,
        what=what,
        district=district,
        province=province,
        fiscal_year=fiscal_year,
        personal=sees_personal_data(user),
        requested_by=user,
    )
    document.rows = exports.count(document)
    document.save()
    tasks.make_document.enqueue(document.pk)
    return document
