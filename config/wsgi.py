import contextlib
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()


def warm_up() -> None:
    """Load now what each process would otherwise load on its first requests.

    The URL patterns and the views behind them, the static files' manifest, the base
    templates, the Thai dictionary of the search (about a second, paid by the first
    search otherwise) and the one pages are cut into lines by, with the place names
    (about half a second, paid by the first page). No database: with `gunicorn --preload` this runs once, before the
    workers are forked, and they share it.
    """
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.db import connections
    from django.template.loader import get_template
    from django.urls import get_resolver, reverse

    from thanrak.core.thai import thai_words
    from thanrak.producers.search import Query, split

    get_resolver().resolve("/")
    reverse("landing")
    with contextlib.suppress(ValueError):  # not collected yet: pages will say so
        staticfiles_storage.url("css/thanrak.css")
    get_template("base.html")
    Query.parse("ผ้าทอ")  # PyThaiNLP's word list and tokenizer
    split("ผ้าทอ")  # the dictionary compounds are split with
    thai_words("อำเภอพุนพิน")  # the dictionary of line breaks, with the place names
    # Nothing above asks the database; should anything have, no connection may cross
    # the fork into the workers.
    connections.close_all()


warm_up()
