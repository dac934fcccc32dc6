"""Keep the contents of submitted and accepted reports that have none.

manage.py keep_report_contents

Run once after upgrading to a version that keeps what a report said when it was submitted
(``Report.contents``): reports submitted before then are kept as their records say now,
and from then on no later change of the records changes them. Running it again keeps only
reports still without contents.
"""

from django.core.management.base import BaseCommand

from thanrak.documents.services import reports_keep_contents


class Command(BaseCommand):
    help = "Keep the contents of submitted and accepted reports that have none."

    def handle(self, *args, **options) -> None:
        count = reports_keep_contents()
        self.stdout.write(f"{count} reports keep their contents.")
