from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thanrak.core"
    label = "core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models import fields

        from thanrak.core.forms import EMPTY_CHOICE_LABEL

        # Django's documented hook: the empty option of every select, admin included.
        fields.BLANK_CHOICE_LABEL = EMPTY_CHOICE_LABEL

        from thanrak.core.db import register_sqlite_collation

        connection_created.connect(register_sqlite_collation)
