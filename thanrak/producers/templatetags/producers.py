"""A record's field as the reader may see it: ``{% shown record "name" personal %}``."""

from django import template

from thanrak.producers.records import display_value

register = template.Library()


@register.simple_tag
def shown(record, name: str, personal: bool) -> str:
    """The field hidden where it names a person the reader does not see (records.is_personal)."""
    return display_value(record, name, personal)
