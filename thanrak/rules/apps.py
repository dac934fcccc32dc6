from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "thanrak.rules"
    label = "rules"
    verbose_name = _("Guideline rules")

    def ready(self) -> None:
        from thanrak.rules import cache

        cache.connect()
