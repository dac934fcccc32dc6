"""Load or refresh every province, district and subdistrict of Thailand from geothai."""

import geothai
from django.core.management.base import BaseCommand
from django.db import transaction

from thanrak.areas.models import District, Province, Subdistrict


class Command(BaseCommand):
    help = "Load Thailand's provinces, districts and subdistricts from the geothai package."

    def handle(self, *args, **options) -> None:
        provinces = [
            Province(code=p.code, name_th=p.name_th, name_en=p.name_en) for p in geothai.provinces()
        ]
        districts = [
            District(code=d.code, name_th=d.name_th, name_en=d.name_en, province_id=d.province_code)
            for p in provinces
            for d in geothai.districts(p.code)
        ]
        subdistricts = [
            Subdistrict(
                code=s.code,
                name_th=s.name_th,
                name_en=s.name_en,
                district_id=s.district_code,
                postal_code=s.postal_codes[0] if s.postal_codes else "",
            )
            for d in districts
            for s in geothai.subdistricts(d.code)
        ]
        with transaction.atomic():
            for model, rows, fields in (
                (Province, provinces, ["name_th", "name_en"]),
                (District, districts, ["name_th", "name_en", "province"]),
                (Subdistrict, subdistricts, ["name_th", "name_en", "district", "postal_code"]),
            ):
                model.objects.bulk_create(
                    rows,
                    batch_size=1000,
                    update_conflicts=True,
                    unique_fields=["code"],
                    update_fields=fields,
                )
        self.stdout.write(
            f"Areas from geothai {geothai.DATA_VERSION}: {len(provinces)} provinces, "
            f"{len(districts)} districts, {len(subdistricts)} subdistricts."
        )
