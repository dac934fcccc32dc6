"""Write the template of a kind, or import a filled-in file into a district.

    manage.py import_records --kind meetings --template -o meetings.xlsx
    manage.py import_records --district 8417 --kind meetings meetings.xlsx [--dry-run] [--json]

The same engine as the import pages: every row is checked first, one bad row means nothing
is written, and the errors name the row and column in Thai. ``--json`` prints
``{"ok": …, "rows": …, "errors": [{"row", "column", "message"}]}``; the exit code is not 0
when the file is not imported (or, with ``--dry-run``, would not be).
"""

import json
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from thanrak.areas.models import District
from thanrak.core import imports as engine
from thanrak.producers import imports


class Command(BaseCommand):
    help = "Write the Excel template of a kind of record, or import a file into a district."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", nargs="?", help="the .xlsx or .csv file to import")
        parser.add_argument("--kind", required=True, choices=list(imports.KINDS))
        parser.add_argument("--district", help="the district's code, e.g. 8417")
        parser.add_argument("--template", action="store_true", help="write the kind's template")
        parser.add_argument("-o", "--output", help="where to write the template")
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument("--json", action="store_true", help="print the outcome as JSON")

    def handle(self, *args, **options) -> None:
        kind = options["kind"]
        if options["template"]:
            if not options["output"]:
                raise CommandError("--template needs -o FILE")
            Path(options["output"]).write_bytes(imports.template_workbook(kind))
            self.stdout.write(f"template of {kind} written to {options['output']}")
            return
        if not options["district"] or not options["file"]:
            raise CommandError("an import needs --district CODE and a FILE")
        district = District.objects.filter(code=options["district"]).first()
        if district is None:
            raise CommandError(f"no district {options['district']}")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no file {path}")
        with translation.override("th"):
            checked, made = self._import(path, kind, district, dry_run=options["dry_run"])
        ok = not checked.errors
        if options["json"]:
            errors = [{k: e[k] for k in ("row", "column", "message")} for e in checked.errors]
            self.stdout.write(
                json.dumps({"ok": ok, "rows": checked.total, "errors": errors}, ensure_ascii=False)
            )
        else:
            for error in checked.errors:
                self.stdout.write(error["text"])
            if ok and options["dry_run"]:
                self.stdout.write(f"{checked.total} rows checked: no errors (nothing written)")
            elif ok:
                self.stdout.write(f"{checked.total} rows imported: {made} records")
        if not ok:
            raise CommandError(f"{len(checked.errors)} error(s): nothing was written")

    def _import(self, path: Path, kind: str, district: District, *, dry_run: bool):
        with path.open("rb") as handle:
            try:
                engine.check_limits(File(handle), path.name)
            except engine.Refused as refusal:
                return engine.refused(imports.KINDS[kind], str(refusal)), 0
            data = handle.read()
        checked = imports.check_file(data, path.name, kind, district)
        if checked.errors or dry_run:
            return checked, 0
        return checked, imports.write_records(checked, kind, district, None, file_name=path.name)
