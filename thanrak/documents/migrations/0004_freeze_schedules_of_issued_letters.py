"""Letters issued before schedules were kept: each keeps the round's schedule as it is now."""

from django.db import migrations


def freeze_issued_letters(apps, schema_editor):
    """Give every letter of a round the round's schedule as it is now (version 1)."""
    Letter = apps.get_model("documents", "Letter")
    Visit = apps.get_model("monitoring", "Visit")
    ScheduleVersion = apps.get_model("monitoring", "ScheduleVersion")
    versions = {}
    for letter in Letter.objects.filter(round__isnull=False, schedule_version__isnull=True):
        if letter.round_id not in versions:
            visits = (
                Visit.objects.filter(round_id=letter.round_id)
                .select_related("team", "district")
                .order_by("team__order", "team_id", "date", "time", "id")
            )
            rows = [
                {
                    "district": v.district_id,
                    "team_key": v.team_id,
                    "team": v.team.name,
                    "date": v.date.isoformat(),
                    "time": v.time.strftime("%H:%M") if v.time else None,
                    # monitoring.models.default_place, as it stood when this was written
                    "place": v.place
                    or "ที่ว่าการอำเภอ"
                    + ("เมืองฯ" if v.district.name_th.startswith("เมือง") else v.district.name_th),
                    "note": v.note,
                }
                for v in visits
            ]
            number = (
                ScheduleVersion.objects.filter(round_id=letter.round_id)
                .order_by("-number")
                .values_list("number", flat=True)
                .first()
                or 0
            ) + 1
            versions[letter.round_id] = ScheduleVersion.objects.create(
                round_id=letter.round_id, number=number, rows=rows
            )
        letter.schedule_version = versions[letter.round_id]
        letter.save(update_fields=["schedule_version"])



class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_letters_keep_their_schedule"),
    ]

    operations = [
        migrations.RunPython(freeze_issued_letters, migrations.RunPython.noop),
    ]
