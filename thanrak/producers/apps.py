from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ProducersConfig(AppConfig):
    name = "thanrak.producers"
    label = "producers"
    verbose_name = _("Local wisdom, groups and OTOP producers")

    def ready(self):
        # Every record list of a kind the district's officer imports links to the import
        # page, with the kind chosen (thanrak.core.records.IMPORT_PAGES).
        from thanrak.core.records import IMPORT_PAGES
        from thanrak.producers.imports import KINDS

        for key, kind in KINDS.items():
            if kind.writer == "district":
                IMPORT_PAGES[key] = _import_page(key)


def _import_page(kind: str):
    def page(district_code: str) -> str:
        return f"{reverse('producers:import_new', args=[district_code])}?kind={kind}"

    return page
