"""Print a province's compliance matrix: a readable table, or JSON for other tools."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from thanrak.areas.models import District, Province
from thanrak.core.thai import current_fiscal_year
from thanrak.rules import guideline, text


class Command(BaseCommand):
    help = "Evaluate the guideline's rules R1–R10 for every district of a province."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", required=True, help="province code, e.g. 84")
        parser.add_argument("--fy", type=int, help="B.E. fiscal year, e.g. 2563 (default: current)")
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            help="evaluate as on this day, YYYY-MM-DD (default: today)",
        )
        parser.add_argument("--language", default="th", choices=["th", "en"])

    def handle(self, *args, **options) -> None:
        province = Province.objects.filter(pk=options["province"]).first()
        if province is None:
            raise CommandError(f"Unknown province code: {options['province']!r}")
        fy = options["fy"] or current_fiscal_year(options["today"])
        if not 2500 <= fy <= 2700:
            raise CommandError(f"The fiscal year must be a B.E. year such as 2563, got {fy}")
        quarter = options["quarter"]
        districts = District.objects.filter(province=province).order_by("code")
        with translation.override(options["language"]):
            matrix = guideline.evaluate(districts, fy, quarter, options["today"])
            if options["json"]:
                self.stdout.write(
                    json.dumps(as_json(province, matrix), ensure_ascii=False, indent=2)
                )
            else:
                self.stdout.write(as_table(province, matrix))


def as_json(province: Province, matrix: guideline.Matrix) -> dict:
    data: dict = {"province": province.pk, "fiscal_year": matrix.period.fiscal_year}
    if matrix.period.quarter:
        data["quarter"] = matrix.period.quarter
    data["districts"] = [
        {
            "code": row.district.code,
            "name": row.district.name_th,
            "rules": {
                result.rule: {"status": result.status, "explanation": result.explanation}
                for result in row.cells
            },
        }
        for row in matrix.rows
    ]
    return data


def as_table(province: Province, matrix: guideline.Matrix) -> str:
    rules = [rule.id for rule in matrix.rules]
    width = max((len(row.district.name_th) for row in matrix.rows), default=8) + 2
    lines = [
        f"{province.name_th} ({province.pk}) · {text.period(matrix.period)}",
        "code  " + "district".ljust(width) + " ".join(r.ljust(3) for r in rules),
    ]
    for row in matrix.rows:
        marks = " ".join(result.symbol.ljust(3) for result in row.cells)
        lines.append(f"{row.district.code}  {row.district.name_th.ljust(width)}{marks}")
    lines.append("")
    lines.append(
        "  ".join(
            f"{symbol} {guideline.STATUS_LABELS[s]}"
            for s, symbol in guideline.STATUS_SYMBOLS.items()
        )
    )
    return "\n".join(lines)
