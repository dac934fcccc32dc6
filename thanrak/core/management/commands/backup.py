"""Write the database and the uploaded files into one file (see thanrak/core/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thanrak.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files into one .tar.gz file. It holds "
        "personal data: keep it encrypted or where only administrators can read it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", required=True, help="the new file, e.g. thanrak-2026-11-30.tar.gz"
        )
        parser.add_argument("--database", default="default", help="the database alias")

    def handle(self, *args, output: str, database: str, **options) -> None:
        try:
            write_backup(Path(output), using=database, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
