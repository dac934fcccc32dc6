"""Writes of a user's own settings."""

from django.conf import settings

from thanrak.accounts.models import User


def user_language_set(*, user: User, language: str) -> None:
    """Keep the language the user chose with the switch (one of ``settings.LANGUAGES``)."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(language)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
