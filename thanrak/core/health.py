"""Health checks for load balancers and monitoring (django-health-check).

`/healthz/` answers 200 when this app process can serve: its database answers a
``SELECT 1`` and its cache keeps a probe key. `/healthz/worker/` answers 200 when no
background task has waited for a worker longer than `HEALTH_WORKER_STALL_MINUTES`: a
monitoring alert, not a reason to take an app process out of a load balancer. Both answer
500 otherwise, in plain text (or JSON when asked), with the name of each check and a fixed
reason: never a host, a path or a credential.

The uploaded files' storage is not probed: a probe writes and deletes a file under
`MEDIA_ROOT`, which a backup running meanwhile would find half gone; and pages are served
without it.
"""

import asyncio
import dataclasses
import datetime as dt

from asgiref.sync import sync_to_async
from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from health_check import checks
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Worker(HealthCheck):
    """No task has waited longer than the stall limit for a `manage.py db_worker`."""

    async def run(self) -> None:
        # On the request's own thread and database connection (thread-sensitive), not on
        # one the view's executor would open for a synchronous check.
        await sync_to_async(self.check)()

    def check(self) -> None:
        minutes = settings.HEALTH_WORKER_STALL_MINUTES
        since = timezone.now() - dt.timedelta(minutes=minutes)
        if DBTaskResult.objects.ready().filter(enqueued_at__lt=since).exists():
            raise ServiceUnavailable(
                f"A background task has waited over {minutes} minutes: is a worker running?"
            )


@dataclasses.dataclass
class Database(checks.Database):
    """The library's ``SELECT 1``, failing with a fixed reason: a driver's message may name
    the database's host."""

    def run(self) -> None:
        try:
            super().run()
        except ServiceUnavailable as error:
            raise ServiceUnavailable("The database does not answer.") from error


class HealthView(HealthCheckView):
    """The library's checks, answered in plain text, or JSON when the client asks for it.

    The library's other answers are left out: its HTML page carries an inline style (the
    site's Content-Security-Policy refuses it), its feeds answer 200 whatever the checks
    found, and an Accept header it cannot read would be a 500.
    """

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            self.results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        status = 500 if any(result.error for result in self.results) else 200
        wants_json = request.GET.get("format") == "json" or "json" in request.headers.get(
            "Accept", ""
        )
        if wants_json:
            return self.render_to_response_json(status)
        return self.render_to_response_text(status)


APP = (Database, "health_check.checks.Cache")
WORKER = (Worker,)
