"""Restore a backup made by `manage.py backup` into an empty database and media folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thanrak.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup into a new, migrated database (no user accounts) and an empty "
        "media folder, then check every row count and file hash against the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .tar.gz made by manage.py backup")
        parser.add_argument("--database", default="default", help="the database alias")

    def handle(self, *args, file: str, database: str, **options) -> None:
        if not Path(file).is_file():
            raise CommandError(f"{file} is not a file.")
        try:
            restore_backup(Path(file), using=database, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
