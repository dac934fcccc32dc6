"""What the monitoring app tells the apps below it (they connect; this app imports none of them).

Each signal is sent inside the service's transaction, right after the change is saved.
"""

from django.dispatch import Signal

# A round's schedule changed: visits planned, moved or removed, or a team renamed; sender
# MonitoringRound, round_=the round.
schedule_changed = Signal()
