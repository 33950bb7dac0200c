"""WSGI entry point for gunicorn: locallibrary.wsgi:application.

gunicorn imports it once in its master (--preload); the django role's gunicorn settings then ask the
app for its health and check pages before the workers are forked, so no visitor meets a cold worker.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "locallibrary.settings")

application = get_wsgi_application()
