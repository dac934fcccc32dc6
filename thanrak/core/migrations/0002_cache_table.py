from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    """Make the table of `CACHE=database` (config/settings.py); nothing for `memory`.

    Idempotent, like the command: switching to `database` later needs
    `manage.py createcachetable` once.
    """
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_thai_collation")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
