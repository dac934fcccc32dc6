"""``{% import_url district.code kind.slug as url %}``: the import page of a list's kind.

Empty when no app imports the kind for the district's officer (``records.IMPORT_PAGES``), so
that a list shows «นำเข้าจาก Excel» only where it leads somewhere.
"""

from django import template

from thanrak.core.records import IMPORT_PAGES

register = template.Library()


@register.simple_tag
def import_url(district_code: str, kind: str) -> str:
    page = IMPORT_PAGES.get(kind)
    return page(district_code) if page else ""
