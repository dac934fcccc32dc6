"""Scan soon after something happens: the apps above send signals, this app listens.

A report submitted or reviewed, a round's visits planned or moved, a letter saved: each queues the scan
(`tasks.notifications_scan`) once the transaction that made it commits, so the worker
tells the news within moments rather than at the next run of `manage.py notify`. Nothing is
queued for a transaction rolled back, and one transaction queues one scan however many
events it holds. The scan finds the events in the data as always (and tells each once), so
a queue that is down costs only the delay until the cron scan.
"""

from django.db import transaction

from thanrak.documents.signals import letter_saved, report_reviewed, report_submitted
from thanrak.monitoring.signals import schedule_changed
from thanrak.notifications import tasks


def _enqueue_scan() -> None:
    tasks.notifications_scan.enqueue()


def scan_after_commit(**kwargs) -> None:
    """Queue the scan when the current transaction commits, once per transaction."""
    connection = transaction.get_connection()
    if any(func is _enqueue_scan for _sids, func, _robust in connection.run_on_commit):
        return
    # Robust: a queue that refuses the task must not undo the officer's work.
    transaction.on_commit(_enqueue_scan, robust=True)


def connect() -> None:
    for signal in (report_submitted, report_reviewed, letter_saved, schedule_changed):
        signal.connect(scan_after_commit)
