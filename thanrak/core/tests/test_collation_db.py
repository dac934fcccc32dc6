from thanrak.areas.models import District
from thanrak.core.db import thai_order


def test_database_sorts_district_names_in_thai_order(areas):
    codes = ["8412", "8406", "8407", "8404", "8402"]  # บ้านนาสาร ไชยา ท่าชนะ เกาะสมุย กาญจนดิษฐ์
    names = list(
        District.objects.filter(code__in=codes)
        .order_by(thai_order("name_th"))
        .values_list("name_th", flat=True)
    )
    assert names == ["กาญจนดิษฐ์", "เกาะสมุย", "ไชยา", "ท่าชนะ", "บ้านนาสาร"]
