from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """Activate the language chosen with the switch, else Thai.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    Thanrak is Thai first, and English only when a person asks for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response
