"""Long documents made in the background (django.tasks, run by `manage.py db_worker`)."""

from django.db.models import F
from django.tasks import task
from django.utils import timezone

from thanrak.core.periods import Period
from thanrak.documents import consolidated, exports, selectors, services
from thanrak.documents.models import GeneratedDocument


def _progress(document_id: int, percent: int) -> None:
    GeneratedDocument.objects.filter(pk=document_id).update(
        progress=percent, status=GeneratedDocument.Status.RUNNING, updated_at=timezone.now()
    )


def build_consolidated(document: GeneratedDocument) -> tuple[bytes, str]:
    """Make the file of a consolidated report, telling the document its progress."""
    period = Period(document.fiscal_year, document.quarter, document.month)
    centers = selectors.province_centers(document.province_id)
    _progress(document.pk, 10)
    fmt = "xlsx" if document.kind == GeneratedDocument.Kind.CONSOLIDATED_XLSX else "pdf"
    return consolidated.consolidated_file(
        document.province, centers, period, fmt, timezone.localdate(document.created_at)
    )


@task
def make_document(document_id: int) -> None:
    document = GeneratedDocument.objects.get(pk=document_id)
    _progress(document_id, 1)
    try:
        if document.is_export:
            data, filename = exports.write(document, lambda p: _progress(document_id, p))
        else:
            data, filename = build_consolidated(document)
    except Exception as error:
        GeneratedDocument.objects.filter(pk=document_id).update(
            status=GeneratedDocument.Status.FAILED, error=str(error), progress=F("progress")
        )
        raise
    document.refresh_from_db()
    services.generated_document_store(document=document, data=data, filename=filename)
