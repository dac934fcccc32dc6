"""Health checks for load balancers and monitoring (django-health-check).

`/healthz/` answers 200 when this app process can serve: its database, its cache and the
uploaded files' storage each answer (a probe row, key and file are written and removed).
`/healthz/worker/` answers 200 when no background task has waited for a worker longer
than `HEALTH_WORKER_STALL_MINUTES`: a monitoring alert, not a reason to take an app process
out of a load balancer. Both answer 500 otherwise, as plain text or JSON, with the name of
each check and a short reason (never a host, a path or a credential).
"""

import dataclasses
import datetime as dt

from asgiref.sync import sync_to_async
from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
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


class HealthView(HealthCheckView):
    """The library's view, answering a browser in plain text: its HTML page carries an
    inline style, which the site's Content-Security-Policy refuses."""

    def render_to_response(self, context, **response_kwargs):
        return self.render_to_response_text(response_kwargs.get("status", 200))


APP = ("health_check.checks.Database", "health_check.checks.Cache", "health_check.checks.Storage")
WORKER = (Worker,)
