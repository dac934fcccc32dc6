"""The second factor: a code from an authenticator app (TOTP), or a single-use recovery code.

Devices are django-otp's: one confirmed ``TOTPDevice`` and one ``StaticDevice`` holding the
recovery codes per user. A user with a confirmed device signs in in two steps (password,
then code); ``SecondFactorMiddleware`` holds a signed-in user who still owes a code, or
whose role needs a second factor (``settings.MFA_REQUIRED_ROLES``) and has none, to the
pages that settle it.
"""

from base64 import b32encode
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from thanrak.accounts.models import User
from thanrak.audit.models import AuditEvent
from thanrak.audit.services import record_event
from thanrak.core.thai import arabic_digits

RECOVERY_CODE_COUNT = 10
# How long the code page waits after the password step, and how many wrong codes it takes
# before the person must enter the password again.
PENDING_SECONDS = 5 * 60
PENDING_MAX_FAILURES = 5

# Session keys
PENDING = "mfa_pending"  # the user who passed the password step and owes a code
HAS_DEVICE = "mfa_has_device"  # whether the signed-in user has a confirmed device
NEW_CODES = "mfa_new_recovery_codes"  # recovery codes to show once


def mfa_required(user) -> bool:
    """Whether the user's role may use nothing before a second factor is set up."""
    return bool(user.is_authenticated and user.role in settings.MFA_REQUIRED_ROLES)


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def normalise_code(code: str) -> str:
    # Thai digits from a Thai keyboard; recovery codes as written down, in groups or not.
    return arabic_digits(code).replace(" ", "").replace("-", "").strip().lower()


def is_totp_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


def secret_groups(device: TOTPDevice) -> list[str]:
    """The device's secret in base32, in groups of four for typing by hand."""
    secret = b32encode(device.bin_key).decode()
    return [secret[i : i + 4] for i in range(0, len(secret), 4)]


def qr_svg(text: str) -> str:
    """An inline SVG QR code, sized by the stylesheet (class ``qr``)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    element = image.get_image()
    element.attrib.pop("width", None)
    element.attrib.pop("height", None)
    element.set("class", "qr")
    element.set("aria-hidden", "true")
    return image.to_string(encoding="unicode")


@dataclass(frozen=True)
class CodeCheck:
    device: Device | None
    throttled: bool = False

    @property
    def used_recovery_code(self) -> bool:
        return isinstance(self.device, StaticDevice)


def verify_code(user: User, code: str) -> CodeCheck:
    """Check a 6-digit code against the user's authenticator, anything else as a recovery code."""
    token = normalise_code(code)
    model = TOTPDevice if is_totp_code(token) else StaticDevice
    throttled = False
    with transaction.atomic():
        # Locked rows: the same code cannot be accepted twice by concurrent requests.
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
            if not device.verify_is_allowed()[0]:
                throttled = True
                continue
            if device.verify_token(token):
                return CodeCheck(device)
    return CodeCheck(None, throttled=throttled)


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def enrolment_device(user: User) -> TOTPDevice:
    """The authenticator being set up: made on the first visit, kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def recovery_codes_new(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new ones; return them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def mfa_enrol(*, request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code from it; return the new recovery codes.

    Any earlier authenticator of the user is removed. The session counts as verified.
    """
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not device.verify_token(normalise_code(code)):
            record_event(AuditEvent.Kind.MFA_FAILED, request=request, stage="enrolment")
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = recovery_codes_new(user=user)
        record_event(AuditEvent.Kind.MFA_ENROLLED, request=request)
    otp_login(request, device)
    request.session[HAS_DEVICE] = True
    return codes


@transaction.atomic
def mfa_reset(*, user: User, request: HttpRequest | None = None, by_self: bool = False) -> None:
    """Remove the user's authenticator and recovery codes (a lost phone, a turned-off option),
    and revoke the API tokens made from sessions that passed them."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_event(AuditEvent.Kind.MFA_RESET, request=request, obj=user, by_self=by_self)
    user.api_tokens.revoke(reason="second factor")


# The two-step sign-in


def start_pending(request: HttpRequest, user: User, next_url: str) -> None:
    """Remember a user who passed the password step; the code page finishes the sign-in."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "at": timezone.now().timestamp(),
        "next": next_url,
        "failures": 0,
    }


def pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING)
    if not pending or timezone.now().timestamp() - pending["at"] > PENDING_SECONDS:
        return None
    return User.objects.filter(pk=pending["user"], is_active=True).first()


def pending_next(request: HttpRequest) -> str:
    pending = request.session.get(PENDING) or {}
    return pending.get("next") or reverse(settings.LOGIN_REDIRECT_URL)


def pending_failed(request: HttpRequest) -> bool:
    """Count a wrong code; True when there were too many and the password step must be redone."""
    pending = request.session.get(PENDING)
    if not pending:
        return False
    pending["failures"] += 1
    if pending["failures"] >= PENDING_MAX_FAILURES:
        del request.session[PENDING]
        return True
    request.session[PENDING] = pending
    return False


def finish_sign_in(request: HttpRequest, user: User, device: Device | None) -> str:
    """Sign in the pending user (if not yet signed in), mark the session verified; return next."""
    next_url = pending_next(request)
    pending = request.session.pop(PENDING, None)
    if pending is not None and not request.user.is_authenticated:
        auth_login(request, user, backend=pending["backend"])
    if device is not None:
        otp_login(request, device)
    request.session[HAS_DEVICE] = device is not None
    return next_url


def note_device_at_login(sender, request, user, **kwargs) -> None:
    """On every sign-in (any path, the admin's too): remember whether a code is owed."""
    if request is not None and hasattr(request, "session"):
        request.session[HAS_DEVICE] = has_device(user)


# Pages a user who owes a code, or must set one up, may still use.
_CODE_PAGES = {"login_code", "logout", "set_language"}
_SETUP_PAGES = {"mfa_setup", "mfa_recovery_codes", "logout", "set_language"}


class SecondFactorMiddleware:
    """Send a signed-in user who owes a code to the code page, one who must set up to setup.

    Comes after OTPMiddleware (``user.is_verified``), SessionMiddleware and
    AuthenticationMiddleware. Every other URL, the admin site included, redirects.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified():
            if HAS_DEVICE not in request.session:
                # A session from before second factors existed.
                request.session[HAS_DEVICE] = has_device(user)
            if request.session[HAS_DEVICE]:
                target, allowed = "login_code", _CODE_PAGES
            elif mfa_required(user):
                target, allowed = "mfa_setup", _SETUP_PAGES
            else:
                target = None
            if target is not None and _url_name(request) not in allowed:
                url = reverse(target)
                if request.headers.get("HX-Request") == "true":
                    return HttpResponseClientRedirect(url)
                return redirect(url)
        return self.get_response(request)


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None
