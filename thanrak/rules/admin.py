from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thanrak.rules.models import RuleSettings


@admin.register(RuleSettings)
class RuleSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["province", "fiscal_year", "committee_min", "committee_max", "updated_at"]
    list_filter = ["fiscal_year"]
    search_fields = ["province__name_th", "province__code"]
