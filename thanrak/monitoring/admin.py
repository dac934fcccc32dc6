from django.contrib import admin

from thanrak.monitoring import models


@admin.register(models.TravelSettings)
class TravelSettingsAdmin(admin.ModelAdmin):
    list_display = ["province", "base", "road_factor", "speed_kmh", "visit_minutes"]


@admin.register(models.DistrictOffice)
class DistrictOfficeAdmin(admin.ModelAdmin):
    list_display = ["district", "latitude", "longitude", "approximate", "island"]
    list_filter = ["approximate", "island", "district__province"]


@admin.register(models.FerryLink)
class FerryLinkAdmin(admin.ModelAdmin):
    list_display = ["from_district", "to_district", "minutes", "province"]


@admin.register(models.DistrictTie)
class DistrictTieAdmin(admin.ModelAdmin):
    list_display = ["name", "province"]
    filter_horizontal = ["districts"]


class ChecklistInline(admin.TabularInline):
    model = models.ChecklistItem
    extra = 0


@admin.register(models.MonitoringRound)
class MonitoringRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "province", "fiscal_year", "starts_on", "ends_on"]
    inlines = [ChecklistInline]
    filter_horizontal = ["districts"]


@admin.register(models.Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["round", "district", "date", "time", "team"]
    list_filter = ["round"]
