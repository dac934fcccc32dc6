"""Fill the database with synthetic national-scale data (see thanrak/demo/national.py)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from thanrak.areas.models import District
from thanrak.demo import data
from thanrak.demo.national import already_loaded, national_data


class Command(BaseCommand):
    help = (
        "Fill every district outside the Surat Thani demo with five fiscal years of synthetic "
        "records (about 1,000,000 activities at --scale 1.0), for performance figures. "
        "Run after load_areas and load_demo, on a database meant for measuring."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Share of the districts to fill (1.0: all)."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--years", type=int, default=5, help="Fiscal years, ending with the current one."
        )

    def handle(self, *args, scale: float, seed: int, years: int, **options) -> None:
        if not 0 < scale <= 1 or years < 1:
            raise CommandError("--scale must be in (0, 1] and --years at least 1.")
        if not District.objects.exclude(province=data.PROVINCE).exists():
            raise CommandError("No districts: run `manage.py load_areas` first.")
        found = already_loaded()
        if found:
            raise CommandError(
                f"National data is already there ({found:,} activities outside the demo "
                "province); nothing was written. Load it into a fresh database: "
                "migrate, load_areas, load_demo, national_data."
            )
        started = time.monotonic()

        def log(line: str) -> None:
            self.stdout.write(f"[{time.monotonic() - started:6.1f} s] {line}")

        with translation.override("en"):
            counts = national_data(
                scale=scale,
                seed=seed,
                years=years,
                today=timezone.localdate(),
                now=timezone.now(),
                log=log,
            )
            for label, count in sorted(counts.items()):
                self.stdout.write(f"{label}: {count:,}")
        self.stdout.write(
            self.style.SUCCESS(f"National data loaded in {time.monotonic() - started:.0f} s.")
        )
