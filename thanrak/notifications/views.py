from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanrak.notifications import services, wording
from thanrak.notifications.forms import EmailPreferenceForm, MarkReadForm

INBOX_SIZE = 100


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    notifications = list(request.user.notifications.all()[:INBOX_SIZE])
    return render(request, "notifications/inbox.html", {"items": wording.shown(notifications)})


@login_required
@require_POST
def read(request: HttpRequest) -> HttpResponse:
    """Mark one of the user's notifications read (then follow its link, if asked), or all."""
    form = MarkReadForm(request.POST)
    notification = form.cleaned_data["notification"] if form.is_valid() else None
    services.notification_mark_read(user=request.user, notification_id=notification)
    target = request.POST.get("next", "")
    if notification and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def preference(request: HttpRequest) -> HttpResponse:
    form = EmailPreferenceForm(request.POST)
    if form.is_valid():
        services.email_preference_set(user=request.user, email=form.cleaned_data["email"])
        messages.success(request, _("Your e-mail settings are saved."))
    else:
        messages.error(request, _("Choose how you want to receive notifications by e-mail."))
    return redirect("profile")
