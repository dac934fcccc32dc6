from django.contrib import admin

from thanrak.centers.models import Center, ProvinceOffice


@admin.register(Center)
class CenterAdmin(admin.ModelAdmin):
    list_display = ["district", "location", "phone"]
    list_select_related = ["district"]
    search_fields = ["district__name_th", "district__code"]
    list_filter = ["district__province"]


@admin.register(ProvinceOffice)
class ProvinceOfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "phone"]
