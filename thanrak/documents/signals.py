"""What the documents app tells the apps below it (they connect; this app imports none of them).

Each signal is sent inside the service's transaction, right after the change is saved.
"""

from django.dispatch import Signal

# The district submitted its report to the province; sender Report, report=the report.
report_submitted = Signal()
# The province accepted or returned a district's report; sender Report, report=the report.
report_reviewed = Signal()
# The province saved an official letter (new or changed); sender Letter, letter=the letter.
letter_saved = Signal()
