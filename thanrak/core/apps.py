from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class CoreConfig(AppConfig):
    # This module also holds the config of another project's app (below).
    default = True
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


class BackgroundTasksConfig(TasksAppConfig):
    """django-tasks-db (the background tasks' table), named in the admin in the site's
    language."""

    default = False
    verbose_name = _("Background tasks")
