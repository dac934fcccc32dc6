"""Previews of imports stored before citizen IDs were masked in them: mask them now."""

from django.db import migrations

from thanrak.core.thai import mask_citizen_id

CITIZEN_ID_HEADER = "เลขประจำตัวประชาชน"


def mask_previews(apps, schema_editor):
    ImportJob = apps.get_model("producers", "ImportJob")
    for job in ImportJob.objects.filter(kind="groups").exclude(preview=[]).iterator():
        headers, *rows = job.preview
        if CITIZEN_ID_HEADER not in headers:
            continue
        at = headers.index(CITIZEN_ID_HEADER)
        for row in rows:
            if at < len(row) and row[at] and not str(row[at]).startswith("X-"):
                row[at] = mask_citizen_id(str(row[at]))
        job.preview = [headers, *rows]
        job.save(update_fields=["preview"])


class Migration(migrations.Migration):
    dependencies = [
        ("producers", "0002_import_job_heartbeat_retry_purge"),
    ]

    operations = [migrations.RunPython(mask_previews, migrations.RunPython.noop)]
