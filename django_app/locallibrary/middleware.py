"""Middleware of the project itself (the catalog app's views know nothing of it)."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)


class RetrySafeRequestsMiddleware:
    """Run a GET or HEAD once more when its database connection broke under it.

    PostgreSQL ends every session when it restarts; a request that was using one fails mid-way.
    A GET or HEAD changes nothing, so it is run again on a new connection (which waits for the
    server: see locallibrary.postgresql). Not when it was that new connection which failed (the
    backend waited already), and never for other methods: their error stands.
    Last in MIDDLEWARE, so every other middleware has seen the request first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD"):
            return None
        try:
            return self._respond(request, view_func, view_args, view_kwargs)
        except (OperationalError, InterfaceError) as exc:
            if getattr(exc.__cause__, "new_connection_failed", False):
                raise  # no server to run it against: the backend waited for one already
            logger.warning("Database connection lost during %s %s (%s); running it again",
                           request.method, request.path, str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
            connections.close_all()
            return self._respond(request, view_func, view_args, view_kwargs)

    @staticmethod
    def _respond(request, view_func, view_args, view_kwargs):
        response = view_func(request, *view_args, **view_kwargs)
        # A template response queries while it renders: render it here, inside the retry.
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        return response
