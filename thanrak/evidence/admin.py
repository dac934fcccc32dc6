from django.contrib import admin

from thanrak.evidence.models import Evidence


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """Read-only: files are added and deleted through the records they belong to."""

    list_display = [
        "original_name",
        "kind",
        "district",
        "content_type",
        "uploaded_by",
        "uploaded_at",
    ]
    list_select_related = ["district", "content_type", "uploaded_by"]
    list_filter = ["kind", "district__province"]
    search_fields = ["original_name", "caption", "district__name_th"]
    date_hierarchy = "uploaded_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting here would leave the stored files behind: use the record's page.
        return False
