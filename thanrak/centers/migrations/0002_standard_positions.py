from django.db import migrations

# guideline §6.2: the committee's structure (ทรัพย์สิน in the seed reads as เหรัญญิก).
POSITIONS = [
    "ประธาน",
    "เลขานุการ",
    "เหรัญญิก",
    "ฝ่ายวิชาการและข้อมูล",
    "ฝ่ายส่งเสริมการผลิต",
    "ฝ่ายส่งเสริมการพัฒนาคุณภาพและมาตรฐานผลิตภัณฑ์",
    "ฝ่ายประสานแหล่งทุน",
    "ฝ่ายส่งเสริมการตลาด",
]


def add_positions(apps, schema_editor):
    StructurePosition = apps.get_model("centers", "StructurePosition")
    for order, name in enumerate(POSITIONS, start=1):
        StructurePosition.objects.get_or_create(center=None, name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("centers", "0001_initial")]

    operations = [migrations.RunPython(add_positions, migrations.RunPython.noop)]
