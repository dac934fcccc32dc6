"""Make official documents from the command line, for batch runs.

manage.py document report --district 8417 --fy 2563 [--quarter N | --month M] --format pdf|xlsx -o FILE
manage.py document consolidated --province 84 --fy 2563 [--quarter N] --format pdf|xlsx -o FILE
manage.py document letter --round <id> -o FILE          (or --letter <id>: a saved letter)
manage.py document schedule --round <id> --format pdf|xlsx -o FILE
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from thanrak.centers.models import Center
from thanrak.core.periods import Period
from thanrak.documents import consolidated, letters, render, selectors
from thanrak.documents.models import Letter


class Command(BaseCommand):
    help = "Make a report form, a province's consolidated report, a round's letter or schedule."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["report", "consolidated", "letter", "schedule"])
        parser.add_argument("--district", help="district code, e.g. 8417")
        parser.add_argument("--province", help="province code, e.g. 84")
        parser.add_argument("--fy", type=int, help="B.E. fiscal year, e.g. 2563")
        parser.add_argument("--quarter", type=int, default=0, choices=[0, 1, 2, 3, 4])
        parser.add_argument("--month", type=int, default=0, help="calendar month 1–12")
        parser.add_argument("--round", type=int, help="monitoring round id")
        parser.add_argument("--letter", type=int, help="a saved letter's id")
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("-o", "--output", required=True, help="file to write")

    def handle(self, *args, **options) -> None:
        with translation.override("th"):
            data = getattr(self, f"make_{options['kind']}")(options)
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"{options['output']}: {len(data):,} bytes")

    def _period(self, options) -> Period:
        if not options["fy"]:
            raise CommandError("--fy is required (B.E., e.g. 2563)")
        return selectors.parse_period(options["fy"], options["quarter"], options["month"])

    def make_report(self, options) -> bytes:
        center = (
            Center.objects.select_related("district__province")
            .filter(district=options["district"])
            .first()
        )
        if center is None:
            raise CommandError(f"No center in district {options['district']!r}")
        content = selectors.report_content(center, self._period(options))
        if options["format"] == "xlsx":
            return render.report_xlsx([content])
        return render.report_pdf([content])

    def make_consolidated(self, options) -> bytes:
        centers = selectors.province_centers(options["province"] or "")
        if not centers:
            raise CommandError(f"No centers in province {options['province']!r}")
        period = self._period(options)
        province = centers[0].district.province
        data, _name = consolidated.consolidated_file(
            province, centers, period, options["format"], timezone.localdate()
        )
        return data

    def _round(self, options):
        from thanrak.monitoring.models import MonitoringRound

        rnd = MonitoringRound.objects.select_related("province").filter(pk=options["round"]).first()
        if rnd is None:
            raise CommandError(f"No monitoring round {options['round']!r}")
        return rnd

    def make_letter(self, options) -> bytes:
        if options["letter"]:
            letter = Letter.objects.filter(pk=options["letter"]).first()
            if letter is None:
                raise CommandError(f"No letter {options['letter']!r}")
            return letters.letter_pdf(letter)
        rnd = self._round(options)
        # The round's saved letter if there is one, else the template's draft.
        letter = rnd.letters.order_by("-date", "-id").first() or letters.letter_from_round(rnd)
        return letters.letter_pdf(letter)

    def make_schedule(self, options) -> bytes:
        rnd = self._round(options)
        title, subtitle = letters.schedule_titles(rnd)
        rows = letters.round_schedule_rows(rnd)
        if options["format"] == "xlsx":
            return render.schedule_xlsx(title, subtitle, rows)
        return render.schedule_pdf(title, subtitle, rows)
