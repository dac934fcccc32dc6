"""Background work (django.tasks): checking and writing an import, with its progress."""

from django.tasks import task
from django.utils import timezone, translation

from thanrak.producers import imports
from thanrak.producers.models import ImportJob


def _progress(job_id: int):
    def report(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(done=done, total=total)

    return report


def _read(job: ImportJob) -> bytes:
    with job.file.open("rb") as handle:
        return handle.read()


@task
def import_check(job_id: int) -> str:
    """Check every row of the file; keep the errors and a preview on the job."""
    job = ImportJob.objects.select_related("district").get(pk=job_id)
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.CHECKING, done=0)
    with translation.override("th"):
        checked = imports.check_file(
            _read(job), job.original_name, job.kind, job.district, _progress(job_id)
        )
    status = ImportJob.Status.INVALID if checked.errors else ImportJob.Status.READY
    ImportJob.objects.filter(pk=job_id).update(
        status=status,
        total=checked.total,
        done=checked.total,
        errors=checked.errors,
        preview=[checked.headers, *checked.preview],
    )
    return status


@task
def import_write(job_id: int) -> str:
    """Check the file again and write it, all or nothing."""
    job = ImportJob.objects.select_related("district", "created_by").get(pk=job_id)
    if job.status != ImportJob.Status.READY:
        return job.status
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.WRITING, done=0)
    with translation.override("th"):
        checked = imports.check_file(_read(job), job.original_name, job.kind, job.district)
        if checked.errors:
            ImportJob.objects.filter(pk=job_id).update(
                status=ImportJob.Status.INVALID, errors=checked.errors
            )
            return ImportJob.Status.INVALID
        try:
            made = imports.write_records(checked, job.kind, job.district, job.created_by)
        except Exception:
            ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.FAILED)
            raise
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.DONE, done=made, finished_at=timezone.now()
    )
    return ImportJob.Status.DONE
