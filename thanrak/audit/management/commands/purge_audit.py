"""Delete audit events past their keeping time: `manage.py purge_audit` (daily, from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thanrak.audit.services import purge_events


class Command(BaseCommand):
    help = (
        "Delete audit events older than AUDIT_RETENTION_DAYS days (or --days) and print how many."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days instead of AUDIT_RETENTION_DAYS.",
        )

    def handle(self, *args, days: int | None, **options) -> None:
        keep = settings.AUDIT_RETENTION_DAYS if days is None else days
        if keep < 1:
            raise CommandError("--days must be at least 1.")
        deleted = purge_events(days=keep)
        self.stdout.write(f"Deleted {deleted} audit events older than {keep} days.")
