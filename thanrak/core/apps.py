from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thanrak.core"
    label = "core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from thanrak.core.db import register_sqlite_collation

        connection_created.connect(register_sqlite_collation)
