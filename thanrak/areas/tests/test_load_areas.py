import io

from django.core.management import call_command

from thanrak.areas.models import District, Province, Subdistrict


def test_all_of_thailand_is_loaded_with_its_codes(areas):
    assert Province.objects.count() == 77
    assert District.objects.count() == 928
    assert Subdistrict.objects.count() == 7436
    assert Province.objects.get(pk="84").name_th == "สุราษฎร์ธานี"
    assert District.objects.get(pk="8417").name_th == "พุนพิน"
    assert District.objects.get(pk="8406").name_th == "ไชยา"
    assert District.objects.filter(province="84").count() == 19


def test_load_areas_is_idempotent_and_restores_edits(areas):
    District.objects.filter(pk="8417").update(name_th="แก้ไขผิด")
    out = io.StringIO()
    call_command("load_areas", stdout=out)
    call_command("load_areas", stdout=out)
    assert District.objects.count() == 928
    assert District.objects.get(pk="8417").name_th == "พุนพิน"
    assert "928 districts" in out.getvalue()


def test_area_full_names(areas):
    from django.utils import translation

    with translation.override("th"):
        assert District.objects.get(pk="8417").full_name == "อำเภอพุนพิน"
        assert Province.objects.get(pk="84").full_name == "จังหวัดสุราษฎร์ธานี"
        assert District.objects.get(pk="1001").full_name.startswith("เขต")
    with translation.override("en"):
        assert District.objects.get(pk="8417").full_name == "Phunphin District"
