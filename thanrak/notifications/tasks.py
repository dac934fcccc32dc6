"""The scan and the e-mail, run by the background worker (`manage.py db_worker`)."""

from django.tasks import task

from thanrak.notifications import services


@task
def notifications_scan() -> dict[str, int]:
    """Find new events, notify their recipients, and send the one-by-one e-mails."""
    return {"notifications": services.notifications_scan(), "emails": services.emails_send()}


@task
def notifications_digest() -> dict[str, int]:
    """Send the daily digests."""
    return {"digests": services.digest_send()}
