"""Writes of the notifications: the scan, marking read, e-mail (one each or a daily digest)."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thanrak.accounts.models import User
from thanrak.core.thai import format_date_text
from thanrak.notifications.events import find_events
from thanrak.notifications.models import EmailPreference, Notification
from thanrak.notifications.wording import shown, words


def notifications_scan(*, today: dt.date | None = None, now: dt.datetime | None = None) -> int:
    """Find the events in the data and give each recipient one notification; return how many.

    An event already told to a user (same event key) is not told again, so the scan may
    run as often as one likes, from several workers at once.
    """
    with translation.override(settings.LANGUAGE_CODE):
        events = find_events(today=today, now=now)
    keys = {e.key for e in events}
    told = set(Notification.objects.filter(event_key__in=keys).values_list("user_id", "event_key"))
    new = []
    found_at = now or timezone.now()
    for e in events:
        users = [user for user in sorted(e.recipients) if (user, e.key) not in told]
        if not users:
            continue
        # Worded once, in the site's language, for the e-mails; the inbox words the facts
        # again in each reader's.
        with translation.override(settings.LANGUAGE_CODE):
            title, body = words(e.kind, e.facts, e.districts)
        new += [
            Notification(
                user_id=user,
                kind=e.kind,
                title=title,
                body=body,
                facts=e.facts,
                url=e.url,
                event_key=e.key,
                created_at=min(e.at, found_at) if e.at else found_at,
            )
            for user in users
        ]
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def notification_mark_read(*, user: User, notification_id: int | None) -> int:
    """Mark one of the user's notifications read (another user's is a 404), or all of them."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        if not Notification.objects.filter(user=user, pk=notification_id).exists():
            raise Http404
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def email_preference_set(*, user: User, email: str) -> EmailPreference:
    preference, _created = EmailPreference.objects.update_or_create(
        user=user, defaults={"email": email}
    )
    return preference


def email_preference_of(user: User) -> str:
    preference = EmailPreference.objects.filter(user=user).values_list("email", flat=True)
    return preference.first() or EmailPreference.Choice.EACH


def _absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url


def _message(user: User, subject: str, template: str, context: dict) -> EmailMessage:
    body = render_to_string(template, {"user": user, **context})
    return EmailMessage(
        subject=f"[{_('Thanrak')}] {subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


def _pending_by_preference() -> dict[str, dict[User, list[Notification]]]:
    pending = (
        Notification.objects.filter(mail=Notification.Mail.PENDING)
        .select_related("user__email_preference")
        .order_by("user_id", "created_at", "id")
    )
    grouped: dict[str, dict[User, list[Notification]]] = defaultdict(lambda: defaultdict(list))
    for n in pending:
        user = n.user
        choice = getattr(user, "email_preference", None)
        choice = choice.email if choice else EmailPreference.Choice.EACH
        if not user.email or not user.is_active:
            choice = EmailPreference.Choice.NONE
        grouped[choice][user].append(n)
    return grouped


def _mark(notifications: list[Notification], state: str) -> None:
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(mail=state)


def emails_send() -> int:
    """Send one e-mail per pending notification to users who want them; return how many.

    Users who want no e-mail (or have no address) have theirs marked not sent; those who
    want a digest keep theirs pending for `digest_send`.
    """
    grouped = _pending_by_preference()
    _mark(
        [n for ns in grouped[EmailPreference.Choice.NONE].values() for n in ns],
        Notification.Mail.SKIPPED,
    )
    sent = 0
    for user, notifications in grouped[EmailPreference.Choice.EACH].items():
        # Each e-mail in the language its reader chose with the switch.
        with translation.override(user.language):
            for n, title, body in shown(notifications):
                # Claimed and sent in one transaction: a failed send leaves it pending for
                # the next run, and a worker that finds it claimed does not send it again.
                with transaction.atomic():
                    claimed = Notification.objects.filter(
                        pk=n.pk, mail=Notification.Mail.PENDING
                    ).update(mail=Notification.Mail.SENT)
                    if claimed:
                        context = {"title": title, "body": body, "link": _absolute(n.url)}
                        message = _message(user, title, "notifications/email.txt", context)
                        message.send()
                        sent += 1
    return sent


def digest_send(*, today: dt.date | None = None) -> int:
    """Send each digest user one e-mail with their pending notifications; return how many."""
    today = today or timezone.localdate()
    grouped = _pending_by_preference()
    sent = 0
    for user, notifications in grouped[EmailPreference.Choice.DIGEST].items():
        with transaction.atomic(), translation.override(user.language):
            ids = [n.pk for n in notifications]
            claimed = Notification.objects.filter(
                pk__in=ids, mail=Notification.Mail.PENDING
            ).update(mail=Notification.Mail.SENT)
            if not claimed:
                continue
            subject = _("Your notifications of %(date)s") % {"date": format_date_text(today)}
            context = {
                "items": [
                    (title, body, _absolute(n.url)) for n, title, body in shown(notifications)
                ],
                "inbox": _absolute(reverse("notifications:inbox")),
            }
            _message(user, subject, "notifications/email_digest.txt", context).send()
            sent += 1
    return sent
