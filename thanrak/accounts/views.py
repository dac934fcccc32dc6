import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from thanrak.accounts import mfa, tokens
from thanrak.accounts.forms import ApiTokenForm, CodeForm, LoginForm, SetupCodeForm
from thanrak.accounts.lockout import password_reset_allowed, unlock_after_reset
from thanrak.accounts.models import ApiToken
from thanrak.accounts.services import user_language_set
from thanrak.audit.models import AuditEvent
from thanrak.audit.services import client_ip, record_event


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; a signed-in person's choice is also kept with them: their
    e-mails are written in it, and a browser without a choice is given it at sign-in
    (``core.middleware.LanguageMiddleware``)."""
    response = i18n.set_language(request)
    # Django sets the cookie for any language it has a catalogue of; the site speaks its own.
    chosen = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen and chosen.value in dict(settings.LANGUAGES) and request.user.is_authenticated:
        user_language_set(user=request.user, language=chosen.value)
    return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    disable_form = CodeForm(auto_id="disable_%s")
    disable_form.fields["code"].widget.attrs.pop("autofocus")
    context = {
        "profile_user": user,
        "mfa_on": mfa.has_device(user),
        "mfa_required": mfa.mfa_required(user),
        "recovery_codes_left": mfa.recovery_codes_left(user),
        "disable_form": disable_form,
        "token_form": ApiTokenForm(
            initial={"expires_on": timezone.localdate() + dt.timedelta(days=90)}
        ),
        "api_tokens": user.api_tokens.all(),
        "new_token": request.session.pop(NEW_TOKEN, None),
        "token_needs_code": mfa.mfa_required(user) and not user.is_verified(),
    }
    return render(request, "accounts/profile.html", context)


# Session key: a new token's secret, shown once on the profile page.
NEW_TOKEN = "api_new_token"  # noqa: S105  # nosec B105 - a session key, not a secret


@login_required
@require_POST
def api_token_create(request: HttpRequest) -> HttpResponse:
    """Make a personal API token; its secret is shown once, on the profile page."""
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(f"{reverse('profile')}#api-tokens")
    try:
        token, secret = tokens.api_token_create(request=request, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('profile')}#api-tokens")
    request.session[NEW_TOKEN] = {"name": token.name, "secret": secret}
    return redirect(f"{reverse('profile')}#api-tokens")


@login_required
@require_POST
def api_token_revoke(request: HttpRequest) -> HttpResponse:
    """Revoke one of one's own tokens (the id in the form; another user's is a 404)."""
    if not request.POST.get("token", "").isdigit():
        return redirect(f"{reverse('profile')}#api-tokens")
    token = get_object_or_404(ApiToken, pk=request.POST["token"], user=request.user)
    tokens.api_token_revoke(request=request, token=token)
    messages.success(request, _("The token is revoked."))
    return redirect(f"{reverse('profile')}#api-tokens")


class SignInView(auth_views.LoginView):
    """The password step; a user with an authenticator goes on to the code page."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = self.signing_in = form.get_user()
        if not mfa.has_device(user):
            return super().form_valid(form)
        mfa.start_pending(self.request, user, self.get_success_url())
        return redirect("login_code")

    def get_default_redirect_url(self) -> str:
        """Without a ?next=, the user's own home, not the /dashboard/ redirect to it."""
        user = getattr(self, "signing_in", None) or self.request.user
        return user.home_url()


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The login page with the lockout message (axes' AXES_LOCKOUT_CALLABLE), status 429."""
    context = {
        "form": LoginForm(request),
        "locked_out": True,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "next": request.POST.get("next", ""),
    }
    return render(
        request, "registration/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the authenticator app or a recovery code."""
    user = mfa.pending_user(request)
    if user is None and request.user.is_authenticated and not request.user.is_verified():
        user = request.user
    if user is None:
        return redirect(settings.LOGIN_REDIRECT_URL if request.user.is_authenticated else "login")
    if not mfa.has_device(user):
        # Reset by the administrator meanwhile: the password was enough.
        return redirect(mfa.finish_sign_in(request, user, None))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        check = mfa.verify_code(user, form.cleaned_data["code"])
        if check.device is not None:
            next_url = mfa.finish_sign_in(request, user, check.device)
            if check.used_recovery_code:
                messages.warning(request, _recovery_codes_note(mfa.recovery_codes_left(user)))
            return redirect(next_url)
        record_event(AuditEvent.Kind.MFA_FAILED, request=request, user=user, stage="sign-in")
        if mfa.pending_failed(request):
            messages.error(request, _("Too many wrong codes. Please log in again."))
            return redirect("login")
        if check.throttled:
            form.add_error(
                "code", _("Too many wrong codes in a row. Wait a minute, then try again.")
            )
        else:
            form.add_error("code", _("This code is not correct or has already been used."))
    return render(request, "registration/login_code.html", {"form": form})


def _recovery_codes_note(left: int) -> str:
    if left == 0:
        return _("You used your last recovery code. Make new ones on your profile page now.")
    return _(
        "You signed in with a recovery code; %(left)s are left. Make new ones on your profile page if you lost your phone."
    ) % {"left": left}


@login_required
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: QR code, secret, a code to confirm, then recovery codes."""
    device = mfa.enrolment_device(request.user)
    form = SetupCodeForm(request.POST or None)
    if form.is_valid():
        codes = mfa.mfa_enrol(request=request, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            request.session[mfa.NEW_CODES] = codes
            messages.success(request, _("Two-step verification is on."))
            return redirect("mfa_recovery_codes")
        form.add_error("code", _("This code is not correct. Check the app and try again."))
    context = {
        "form": form,
        "qr": mfa.qr_svg(device.config_url),
        "secret_groups": mfa.secret_groups(device),
        "required": mfa.mfa_required(request.user),
        "replacing": mfa.has_device(request.user),
    }
    return render(request, "accounts/mfa_setup.html", context)


@login_required
def mfa_recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show new recovery codes once; POST makes a new set (a verified session only)."""
    if request.method == "POST":
        if not request.user.is_verified():
            messages.error(request, _("Log in with a code from the app first."))
            return redirect("profile")
        request.session[mfa.NEW_CODES] = mfa.recovery_codes_new(user=request.user)
        return redirect("mfa_recovery_codes")
    codes = request.session.pop(mfa.NEW_CODES, None)
    context = {
        "codes": codes,
        "left": mfa.recovery_codes_left(request.user),
        "mfa_on": mfa.has_device(request.user),
    }
    return render(request, "accounts/mfa_recovery_codes.html", context)


@login_required
@require_POST
def mfa_disable(request: HttpRequest) -> HttpResponse:
    """Turn two-step verification off, for roles that may go without; a current code confirms."""
    user = request.user
    if mfa.mfa_required(user):
        messages.error(request, _("Two-step verification cannot be turned off for your role."))
        return redirect("profile")
    if not user.is_verified():
        # No device: the middleware sends a session that owes a code to the code page.
        return redirect("profile")
    form = CodeForm(request.POST)
    if form.is_valid() and mfa.verify_code(user, form.cleaned_data["code"]).device is not None:
        mfa.mfa_reset(user=user, request=request, by_self=True)
        request.session[mfa.HAS_DEVICE] = False
        messages.success(request, _("Two-step verification is off."))
    else:
        record_event(AuditEvent.Kind.MFA_FAILED, request=request, stage="turn-off")
        messages.error(request, _("The code is not correct; two-step verification is still on."))
    return redirect("profile")


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail, throttled (lockout.password_reset_allowed); always the same answer."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        account = next(iter(form.get_users(email)), None)
        allowed = password_reset_allowed(email=email, ip=client_ip(self.request), account=account)
        record_event(
            AuditEvent.Kind.PASSWORD_RESET,
            request=self.request,
            user=account,
            throttled=not allowed,
        )
        if not allowed:
            return redirect(self.get_success_url())
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page; the change goes to the audit trail."""

    def form_valid(self, form):
        response = super().form_valid(form)
        record_event(AuditEvent.Kind.PASSWORD_CHANGED, request=self.request, obj=form.user)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's page for the link in the e-mail; the new password goes to the audit trail."""

    def form_valid(self, form):
        response = super().form_valid(form)
        record_event(
            AuditEvent.Kind.PASSWORD_CHANGED,
            request=self.request,
            user=form.user,
            obj=form.user,
            via="reset",
        )
        unlock_after_reset(user=form.user, request=self.request)
        return response
