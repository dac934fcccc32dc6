"""Check or generate a round's visit schedule from the command line, for scheduled runs.

manage.py schedule check --round 1 --json
manage.py schedule generate --round 1 [--save] --json
"""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from thanrak.monitoring import schedule, selectors, services
from thanrak.monitoring.models import MonitoringRound


class Command(BaseCommand):
    help = "Check a monitoring round's schedule, or generate one (and save it with --save)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["check", "generate"])
        parser.add_argument("--round", type=int, required=True, help="the round's id")
        parser.add_argument("--save", action="store_true", help="generate: save the schedule")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--time-limit", type=float, default=30.0, help="solver seconds")
        parser.add_argument("--language", default="th", choices=["th", "en"])

    def handle(self, *args, **options) -> None:
        round_ = MonitoringRound.objects.filter(pk=options["round"]).first()
        if round_ is None:
            raise CommandError(f"Unknown round: {options['round']}")
        with translation.override(options["language"]):
            problem = selectors.problem_for_round(round_)
            generate = options["action"] == "generate"
            if generate:
                try:
                    outcome = schedule.generate(problem, time_limit=options["time_limit"])
                except schedule.Infeasible as error:
                    outcome = schedule.Outcome(False, [], [str(error)], 0)
                if options["save"] and outcome.ok:
                    services.schedule_save(round_=round_, visits=outcome.visits)
            else:
                outcome = schedule.check(problem, selectors.planned_visits(round_))
            data = outcome.as_json(problem, with_visits=generate)
            if generate:
                data["saved"] = bool(options["save"] and outcome.ok)
            if options["json"]:
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(as_text(data))
        if not outcome.ok:
            raise SystemExit(1)


def as_text(data: dict) -> str:
    lines = [
        f"ok: {data['ok']}",
        f"visits: {data['visits']}",
        f"travel_minutes: {data['travel_minutes']}",
    ]
    lines += [f"  ✗ {v}" for v in data["violations"]]
    for visit in data.get("schedule", []):
        lines.append(f"  {visit['date']} {visit['time']} {visit['team']:<12} {visit['name']}")
    return "\n".join(lines)
