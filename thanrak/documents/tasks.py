"""Long documents made in the background (django.tasks, run by `manage.py db_worker`)."""

from django.db.models import F
from django.tasks import task
from django.utils import timezone

from thanrak.documents import render, selectors, services
from thanrak.documents.models import GeneratedDocument


def _progress(document_id: int, percent: int) -> None:
    GeneratedDocument.objects.filter(pk=document_id).update(
        progress=percent, status=GeneratedDocument.Status.RUNNING, updated_at=timezone.now()
    )


def build_consolidated(document: GeneratedDocument) -> tuple[bytes, str]:
    """Make the file of a consolidated report, telling the document its progress."""
    period = selectors.Period(document.fiscal_year, document.quarter, document.month)
    centers = selectors.province_centers(document.province_id)
    _progress(document.pk, 5)
    contents = selectors.report_contents(centers, period)
    _progress(document.pk, 15)
    name = f"consolidated-{document.province_id}-{period.slug}"
    if document.kind == GeneratedDocument.Kind.CONSOLIDATED_XLSX:
        return render.report_xlsx(contents, summary=True), f"{name}.xlsx"

    def on_part(done: int, total: int) -> None:
        _progress(document.pk, 15 + int(80 * done / total))

    return render.consolidated_pdf(contents, period, on_part), f"{name}.pdf"


@task
def make_document(document_id: int) -> None:
    document = GeneratedDocument.objects.get(pk=document_id)
    _progress(document_id, 1)
    try:
        data, filename = build_consolidated(document)
    except Exception as error:
        GeneratedDocument.objects.filter(pk=document_id).update(
            status=GeneratedDocument.Status.FAILED, error=str(error), progress=F("progress")
        )
        raise
    document.refresh_from_db()
    services.generated_document_store(document=document, data=data, filename=filename)
