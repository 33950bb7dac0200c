"""Django's PostgreSQL backend, waiting out a server that is restarting instead of failing at once.

A security update restarts PostgreSQL (unattended-upgrades does it unannounced); for a second or two
new connections are refused or told "the database system is starting up". Requests that need a
connection then wait, up to DATABASES["default"]["CONNECT_RETRY_SECONDS"], and carry on. Other
connection errors (a wrong password, a missing database) fail at once, as before.
"""

from __future__ import annotations

import logging
import time

from django.db.backends.postgresql import base

logger = logging.getLogger(__name__)

# What libpq says while the server restarts (psycopg2 gives connection errors no SQLSTATE).
TRANSIENT_ERRORS = (
    "the database system is starting up",
    "the database system is shutting down",
    "the database system is in recovery mode",
    "Connection refused",
    "No such file or directory",
    "server closed the connection unexpectedly",
)


def is_transient(exc: Exception) -> bool:
    """A server that is restarting, not one that refuses us for good."""
    code = getattr(exc, "pgcode", None)
    if code:
        return code.startswith("57")  # operator intervention: shutdown, startup, terminated
    return any(text in str(exc) for text in TRANSIENT_ERRORS)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        deadline = time.monotonic() + float(self.settings_dict.get("CONNECT_RETRY_SECONDS", 0))
        while True:
            try:
                return super().get_new_connection(conn_params)
            except base.Database.OperationalError as exc:
                if not is_transient(exc) or time.monotonic() >= deadline:
                    # Waited already (or waiting cannot help): the request must not wait again.
                    exc.new_connection_failed = True
                    raise
                logger.warning("Database not available yet, trying again: %s", str(exc).strip().splitlines()[-1:])
                time.sleep(0.2)
