"""Fail the imports whose worker stopped: checking or writing, with no sign of work for
IMPORT_STALE_MINUTES. Their officer sees why and may retry.

Opening the import's page does the same for that import; run this from cron (every few
minutes) so that no job is left "importing" when nobody looks.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from thanrak.producers.models import ImportJob


class Command(BaseCommand):
    help = "Fail the imports whose background worker stopped (IMPORT_STALE_MINUTES)."

    def handle(self, *args, **options) -> None:
        failed = ImportJob.objects.fail_stale(timezone.now())
        for job in failed:
            self.stdout.write(
                f"failed import {job.pk} (district {job.district_id}): worker stopped"
            )
        self.stdout.write(f"{len(failed)} stalled import(s) failed")
