"""Tags other apps' pages load by name (no Python import crosses the app order):

`{% district_todo district %}` on the district's home, `{% email_preference %}` on the
profile page.
"""

import datetime as dt

from django import template

from thanrak.areas.models import District
from thanrak.centers.models import Center
from thanrak.notifications import services
from thanrak.notifications.forms import EmailPreferenceForm
from thanrak.notifications.todo import district_todo as load_todo

register = template.Library()


@register.inclusion_tag("notifications/_district_todo.html", takes_context=True)
def district_todo(context, district: District | Center, today: dt.date | None = None):
    """Render the district's dated to-do list and its progress toward the guideline."""
    if isinstance(district, Center):
        district = district.district
    request = context["request"]
    todo = load_todo(district, request.user, today, request=request)
    return {"district": district, "todo": todo}


@register.inclusion_tag("notifications/_email_preference.html", takes_context=True)
def email_preference(context):
    """Render the form of the signed-in user's e-mail preference."""
    request = context["request"]
    form = EmailPreferenceForm(initial={"email": services.email_preference_of(request.user)})
    return {"request": request, "form": form, "csrf_token": context.get("csrf_token")}
