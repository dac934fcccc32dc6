"""Delete the files of imports that ended (imported, failed, with errors, or never imported)
more than IMPORT_FILE_RETENTION_DAYS ago. The jobs stay, without their file.

Safe to run again and again (from cron, daily): a job whose file is gone is not touched.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from thanrak.producers.models import ImportJob


class Command(BaseCommand):
    help = "Delete the uploaded files of ended imports past IMPORT_FILE_RETENTION_DAYS."

    def handle(self, *args, **options) -> None:
        removed = 0
        for job in ImportJob.objects.file_expired(timezone.now()).order_by("pk"):
            name = job.delete_file()
            if name:
                removed += 1
                self.stdout.write(f"deleted {name} (import {job.pk}, district {job.district_id})")
        self.stdout.write(f"{removed} import file(s) deleted")
