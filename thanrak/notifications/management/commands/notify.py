import datetime as dt

from django.core.management.base import BaseCommand

from thanrak.notifications import services, tasks


class Command(BaseCommand):
    help = (
        "Queue the notifications scan (and its e-mails) for the background worker; "
        "--digest queues the daily digest instead; --now runs it here."
    )

    def add_arguments(self, parser):
        parser.add_argument("--digest", action="store_true", help="the daily digest e-mails")
        parser.add_argument("--now", action="store_true", help="run here, not in the worker")
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, help="as if today were YYYY-MM-DD (with --now)"
        )

    def handle(self, *args, digest: bool, now: bool, today: dt.date | None, **options):
        if not now:
            task = tasks.notifications_digest if digest else tasks.notifications_scan
            result = task.enqueue()
            self.stdout.write(f"queued {task.name}: {result.id}")
            return
        if digest:
            self.stdout.write(f"digests: {services.digest_send(today=today)}")
            return
        created = services.notifications_scan(today=today)
        self.stdout.write(f"notifications: {created}\nemails: {services.emails_send()}")
