"""WSGI entry point for gunicorn: locallibrary.wsgi:application."""

import gc
import io
import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "locallibrary.settings")

application = get_wsgi_application()

# Pages asked once at start-up: together they take every lazy first-request step (URLconf and views,
# templates, sessions and auth, the database driver).
WARM_UP_PATHS = ("/catalog/", "/catalog/books/")


def warm_up() -> None:
    """Answer a few requests before gunicorn forks its workers (it runs with --preload), so each
    worker serves its first visitor as fast as its thousandth: a restart, a deploy or a worker
    replaced after max-requests stays invisible. Nothing is written (anonymous GETs store nothing);
    the connections are closed, since workers must never share one. A failure here (the database
    restarting, a release started before its migrations) only costs the speed-up."""
    from django.conf import settings
    from django.db import connections

    host = next((name.lstrip(".") for name in settings.ALLOWED_HOSTS if name != "*"), "localhost")
    # A page that fails here (a release started before its migrations) is not an error to report.
    request_log = logging.getLogger("django.request")
    request_log.disabled = True
    try:
        for path in WARM_UP_PATHS:
            environ = {
                "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": host,
                "SERVER_PORT": "443", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": host,
                "HTTP_X_FORWARDED_PROTO": "https", "REMOTE_ADDR": "127.0.0.1",
                "wsgi.version": (1, 0), "wsgi.url_scheme": "https", "wsgi.input": io.BytesIO(),
                "wsgi.errors": io.StringIO(), "wsgi.multithread": False, "wsgi.multiprocess": True,
                "wsgi.run_once": False,
            }
            response = application(environ, lambda status, headers, exc_info=None: None)
            b"".join(response)
            response.close()
    except Exception:  # noqa: BLE001 - never stop the server from starting
        logging.getLogger(__name__).info("Warm-up request failed; workers warm up on their first requests", exc_info=True)
    finally:
        request_log.disabled = False
        connections.close_all()
    # What exists now is shared with the workers; the collector leaves it alone instead of touching
    # (and so copying) those pages in every worker.
    gc.freeze()


warm_up()
