"""Background work (django.tasks): checking and writing an import, with its progress.

Each run records signs of work on its job (``heartbeat_at``): when it starts, every 1,000
rows while it reads, and when it ends. A job whose signs stop is failed by
``ImportJob.fail_if_stale`` (on its page, or `manage.py fail_stale_imports`) and may be
retried. Every update names the run's ``attempt``: a run that lost its job changes nothing.
"""

from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation

from thanrak.core import imports as engine
from thanrak.producers import imports
from thanrak.producers.models import ImportJob

Status = ImportJob.Status


class Superseded(Exception):
    """The job was failed or retried while this run was writing: the writing is undone."""


def _run(job: ImportJob, status: str):
    """The job, as long as it is still this run's and in this status."""
    return ImportJob.objects.filter(pk=job.pk, attempt=job.attempt, status=status)


def _heartbeat(job: ImportJob, status: str, *, progress: bool):
    def report(done: int, total: int) -> None:
        fields = {"done": done, "total": total} if progress else {}
        _run(job, status).update(heartbeat_at=timezone.now(), **fields)

    return report


def _checked(job: ImportJob, status: str, *, progress: bool) -> imports.Checked:
    """Check the job's file; a file over the limits is refused before it is read."""
    try:
        with job.file.open("rb") as handle:
            imports.check_limits(handle, job.original_name)
            data = handle.read()
    except imports.Refused as refusal:
        return engine.refused(imports.KINDS[job.kind], str(refusal))
    return imports.check_file(
        data,
        job.original_name,
        job.kind,
        job.district,
        _heartbeat(job, status, progress=progress),
    )


def _fail(job: ImportJob, status: str) -> None:
    now = timezone.now()
    _run(job, status).update(
        status=Status.FAILED,
        failure=ImportJob.Failure.ERROR,
        finished_at=now,
        heartbeat_at=now,
    )


@task
def import_check(job_id: int) -> str:
    """Check every row of the file; keep the errors and a preview on the job."""
    job = ImportJob.objects.select_related("district").get(pk=job_id)
    if not _run(job, Status.QUEUED).update(
        status=Status.CHECKING, done=0, heartbeat_at=timezone.now()
    ):
        return job.status  # checked already, or failed or retried meanwhile
    try:
        with translation.override("th"):
            checked = _checked(job, Status.CHECKING, progress=True)
    except Exception:
        _fail(job, Status.CHECKING)
        raise
    status = Status.INVALID if checked.errors else Status.READY
    now = timezone.now()
    _run(job, Status.CHECKING).update(
        status=status,
        total=checked.total,
        done=checked.total,
        errors=checked.errors,
        preview=[checked.headers, *checked.preview],
        heartbeat_at=now,
        finished_at=now if status == Status.INVALID else None,
    )
    return status


@task
def import_write(job_id: int) -> str:
    """Check the file again and write it, all or nothing."""
    job = ImportJob.objects.select_related("district", "created_by").get(pk=job_id)
    if not _run(job, Status.CONFIRMED).update(
        status=Status.WRITING, done=0, heartbeat_at=timezone.now()
    ):
        return job.status  # not confirmed (taken already, or changed meanwhile)
    try:
        with translation.override("th"):
            checked = _checked(job, Status.WRITING, progress=False)
            if checked.errors:
                now = timezone.now()
                _run(job, Status.WRITING).update(
                    status=Status.INVALID, errors=checked.errors, heartbeat_at=now, finished_at=now
                )
                return Status.INVALID
            write_checked(job, checked)
    except Superseded:
        return ImportJob.objects.get(pk=job_id).status
    except Exception:
        _fail(job, Status.WRITING)
        raise
    return Status.DONE


def write_checked(job: ImportJob, checked: imports.Checked) -> int:
    """Write the rows and mark the job done in one transaction; returns the records made.

    A job that is no longer this run's (failed as stopped, or retried) raises Superseded
    and nothing is written.
    """
    with transaction.atomic():
        made = imports.write_records(checked, job.kind, job.district, job.created_by, job=job)
        now = timezone.now()
        if not _run(job, Status.WRITING).update(
            status=Status.DONE, done=made, finished_at=now, heartbeat_at=now
        ):
            raise Superseded
    return made
