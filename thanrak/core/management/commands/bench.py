"""Run the benchmarks of every app and print one line per figure: ``name: value unit``.

An app takes part with a module ``<app>/bench.py`` holding ``BENCHMARKS``: a dict of
figure name -> function returning ``(value, unit)``. Each runs in a transaction that is
rolled back, so benchmarks leave the database as they found it.
"""

import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Run the benchmarks (`make bench`); print `name: value unit` per figure."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="only these figures")

    def handle(self, *args, names, **options) -> None:
        for name, function in self.benchmarks():
            if names and name not in names:
                continue
            result = None
            try:
                with transaction.atomic():
                    result = function()
                    raise Rollback
            except Rollback:
                pass
            value, unit = result
            shown = f"{value:.2f}" if isinstance(value, float) else str(value)
            self.stdout.write(f"{name}: {shown} {unit}")

    def benchmarks(self):
        for config in apps.get_app_configs():
            module_name = f"{config.name}.bench"
            if importlib.util.find_spec(module_name) is None:
                continue
            yield from importlib.import_module(module_name).BENCHMARKS.items()
