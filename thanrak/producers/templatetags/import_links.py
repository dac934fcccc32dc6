"""``{% import_url district.code kind.slug as url %}``: the import page for a list's kind.

Empty when the kind is not imported by the district's officer (or not importable at all),
so that a list shows «นำเข้าจาก Excel» only where it leads somewhere.
"""

from django import template
from django.urls import reverse

from thanrak.producers.imports import KINDS

register = template.Library()


@register.simple_tag
def import_url(district_code: str, kind: str) -> str:
    found = KINDS.get(kind)
    if found is None or found.writer != "district":
        return ""
    return f"{reverse('producers:import_new', args=[district_code])}?kind={kind}"
