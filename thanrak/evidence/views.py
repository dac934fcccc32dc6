from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import Storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from thanrak.evidence.access import get_evidence_for_user
from thanrak.evidence.models import Evidence
from thanrak.evidence.services import evidence_delete, evidence_set_purpose


@require_safe
@login_required
def download(request: HttpRequest, evidence: int) -> FileResponse:
    item = get_evidence_for_user(request.user, evidence)
    return protected_file(
        item.file.storage,
        item.file.name,
        content_type=item.content_type_name,
        filename=item.download_name,
        # Office documents open in their application; photos and PDFs in the browser.
        attachment=item.kind == Evidence.Kind.DOCUMENT,
    )


@require_safe
@login_required
def thumbnail(request: HttpRequest, evidence: int) -> FileResponse:
    item = get_evidence_for_user(request.user, evidence)
    if not item.thumbnail:
        raise Http404
    return protected_file(
        item.thumbnail.storage,
        item.thumbnail.name,
        content_type="image/jpeg",
        filename=f"thumbnail-{item.pk}.jpg",
        attachment=False,
    )


@require_POST
@login_required
def delete(request: HttpRequest, evidence: int) -> HttpResponse:
    item = get_evidence_for_user(request.user, evidence, write=True)
    back = _back(request, item)  # the record's address, before the file goes
    evidence_delete(evidence=item, user=request.user)
    messages.success(request, _("Deleted the file %(name)s.") % {"name": item.original_name})
    return back


@require_POST
@login_required
def purpose(request: HttpRequest, evidence: int) -> HttpResponse:
    """Change what a file shows; an unknown purpose changes nothing and says so."""
    item = get_evidence_for_user(request.user, evidence, write=True)
    chosen = request.POST.get("purpose", "")
    if chosen in Evidence.Purpose.values:
        evidence_set_purpose(evidence=item, purpose=chosen, user=request.user)
        messages.success(
            request,
            _("The file %(name)s is now marked as: %(purpose)s.")
            % {"name": item.original_name, "purpose": item.get_purpose_display()},
        )
    else:
        messages.error(
            request,
            _("Choose what the file %(name)s shows from the list; nothing was changed.")
            % {"name": item.original_name},
        )
    return _back(request, item)


def _back(request: HttpRequest, item: Evidence) -> HttpResponse:
    """To the page the form was on (``next``, this site only), else the file's record."""
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    record_url = getattr(item.record, "get_absolute_url", None)
    return redirect(record_url() if record_url else "dashboard")


def protected_file(
    storage: Storage, name: str, *, content_type: str, filename: str, attachment: bool
) -> FileResponse:
    """Stream a stored file so that the browser can never run it as a page."""
    try:
        handle = storage.open(name, "rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
