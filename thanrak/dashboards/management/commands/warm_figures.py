from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management.base import BaseCommand, CommandError

from thanrak.core import thai
from thanrak.dashboards import rendered


class Command(BaseCommand):
    help = (
        "Count today's rules and dashboard figures before the first reader asks, and keep "
        "them in the shared cache (from cron: after midnight, then every 30 minutes)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fy",
            type=int,
            action="append",
            help="a B.E. fiscal year (again for more); the current one by default",
        )

    def handle(self, *args, fy: list[int] | None, **options):
        if not (settings.RULES_CACHE_SECONDS or settings.DASHBOARD_CACHE_SECONDS):
            self.stdout.write(
                "Nothing is kept: RULES_CACHE_SECONDS and DASHBOARD_CACHE_SECONDS are 0."
            )
            return
        years = fy or [thai.current_fiscal_year()]
        if wrong := [y for y in years if not thai.BE_YEAR_MIN < y <= thai.BE_YEAR_MAX]:
            raise CommandError(f"--fy is a B.E. fiscal year (e.g. 2570), not {wrong[0]}")
        if isinstance(caches["default"], LocMemCache):
            self.stderr.write(
                "The cache is this process's memory (CACHE=memory): the web server's "
                "processes will not see what is counted here."
            )
        for what, seconds in rendered.warm(years):
            self.stdout.write(f"{what}: {seconds:.2f} s")
