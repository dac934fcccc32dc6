from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One event told to one user: in the inbox, and by e-mail as the user prefers."""

    class Kind(models.TextChoices):
        REPORT_SUBMITTED = "report_submitted", _("Report submitted")
        REPORT_RETURNED = "report_returned", _("Report returned")
        REPORT_ACCEPTED = "report_accepted", _("Report accepted")
        REPORT_DUE = "report_due", _("Report due soon")
        REPORT_LATE = "report_late", _("Report late")
        VISIT = "visit", _("Monitoring visit scheduled")
        LETTER = "letter", _("Letter issued")

    class Mail(models.TextChoices):
        PENDING = "pending", _("Not sent yet")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("details"), blank=True)
    # The event's facts, worded in the reader's language when shown (wording.py); title and
    # body are their Thai wording, for e-mails.
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300)
    # What the event is, so that scanning again finds it already told: one per user.
    event_key = models.CharField(_("event"), max_length=120)
    # When the event happened where the event says so (a report sent or reviewed), else when
    # the scan found it.
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail = models.CharField(_("e-mail"), max_length=10, choices=Mail.choices, default=Mail.PENDING)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "event_key"], name="notifications_event_once"),
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notifications_unread")]

    def __str__(self) -> str:
        return self.title


class EmailPreference(models.Model):
    """How a user wants notifications by e-mail; without a row, one message each."""

    class Choice(models.TextChoices):
        EACH = "each", _("One e-mail for each notification")
        DIGEST = "digest", _("One e-mail a day with all of them")
        NONE = "none", _("No e-mail (the inbox only)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_preference",
        verbose_name=_("user"),
    )
    email = models.CharField(
        _("notifications by e-mail"), max_length=10, choices=Choice.choices, default=Choice.EACH
    )

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_email_display()}"
