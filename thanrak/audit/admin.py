"""The audit trail in the admin: read-only for everyone, searchable, exportable."""

import json

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from thanrak.audit import exports
from thanrak.audit.models import AuditEvent
from thanrak.audit.services import record_event
from thanrak.core.thai import format_date_short


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = [
        "when",
        "kind",
        "username",
        "ip",
        "what",
        "district",
        "persons",
        "unmasked",
    ]
    list_filter = ["kind", "created_at", "unmasked"]
    search_fields = ["username", "ip", "path", "object_id", "district"]
    date_hierarchy = "created_at"
    list_per_page = 50
    show_full_result_count = False
    # The fields of the exported file (``exports.FIELDS``) and the user's link; time and
    # detail formatted for reading.
    fields = ["when", "kind", "user", *exports.RECORDED, "detail_text"]
    readonly_fields = fields

    class Media:
        css = {"all": ["audit/admin.css"]}

    # Nobody changes the trail, not even a superuser: it is written by the code only.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("when"), ordering="created_at")
    def when(self, event: AuditEvent) -> str:
        # B.E. date and the time to the second, as the rest of the project shows dates.
        local = timezone.localtime(event.created_at)
        return f"{format_date_short(local)} {local:%H:%M:%S}"

    @admin.display(description=_("record"), ordering="object_type")
    def what(self, event: AuditEvent) -> str:
        if not event.object_type:
            return "–"
        try:
            name = str(apps.get_model(event.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            name = event.object_type
        return f"{name} #{event.object_id}" if event.object_id else name

    @admin.display(description=_("detail"))
    def detail_text(self, event: AuditEvent) -> str:
        if not event.detail:
            return "–"
        return format_html(
            "<pre>{}</pre>", json.dumps(event.detail, ensure_ascii=False, indent=2, sort_keys=True)
        )

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [
            path(
                "export/<str:fmt>/",
                export,
                name=f"{self.opts.app_label}_{self.opts.model_name}_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request: HttpRequest, fmt: str) -> HttpResponse:
        """The list as filtered and searched on the page, every row, as CSV or Excel."""
        if fmt not in ("csv", "xlsx"):
            raise Http404
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            events = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            raise Http404 from None
        # The file holds the trail up to this request; who took a copy of it is itself
        # written to the trail, after.
        last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        events = events.filter(pk__lte=last).order_by("-created_at", "-pk")
        record_event(
            AuditEvent.Kind.PERSONAL_EXPORT,
            request=request,
            obj=AuditEvent,
            rows=events.count(),
            format=fmt,
        )
        filename = f"audit-{timezone.localdate():%Y%m%d}"
        if fmt == "csv":
            return exports.csv_response(events, filename)
        return exports.xlsx_response(events, filename, str(AuditEvent._meta.verbose_name_plural))
