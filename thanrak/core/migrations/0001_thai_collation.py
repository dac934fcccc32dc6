from django.contrib.postgres.operations import CreateCollation
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    # A no-op outside PostgreSQL; SQLite registers the collation per connection.
    operations = [CreateCollation("thai", provider="icu", locale="th-TH")]
