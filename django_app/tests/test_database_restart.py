"""A PostgreSQL restart costs no failed request: connections wait for the server, safe requests run again."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from django.db.backends.postgresql.base import Database
from django.http import HttpResponse
from django.test import RequestFactory

from locallibrary.middleware import RetrySafeRequestsMiddleware
from locallibrary.postgresql import base


def flaky_view(failures):
    calls = []

    def view(request):
        calls.append(request.method)
        if len(calls) <= failures:
            raise OperationalError("terminating connection due to administrator command")
        return HttpResponse("ok")

    return view, calls


@pytest.mark.parametrize("method", ["get", "head"])
def test_a_safe_request_whose_connection_broke_runs_again(method):
    view, calls = flaky_view(failures=1)
    middleware = RetrySafeRequestsMiddleware(lambda request: HttpResponse())
    response = middleware.process_view(getattr(RequestFactory(), method)("/catalog/"), view, (), {})
    assert response.content == b"ok"
    assert len(calls) == 2


def test_a_request_whose_new_connection_failed_is_not_repeated():
    calls = []

    def view(request):
        calls.append(1)
        cause = Database.OperationalError("Connection refused")
        cause.new_connection_failed = True
        raise OperationalError("Connection refused") from cause

    middleware = RetrySafeRequestsMiddleware(lambda request: HttpResponse())
    with pytest.raises(OperationalError):
        middleware.process_view(RequestFactory().get("/catalog/"), view, (), {})
    assert len(calls) == 1


def test_a_post_is_never_repeated():
    view, calls = flaky_view(failures=1)
    middleware = RetrySafeRequestsMiddleware(lambda request: HttpResponse())
    request = RequestFactory().post("/catalog/book/create/")
    assert middleware.process_view(request, view, (), {}) is None
    assert calls == []


def test_a_second_failure_is_not_hidden():
    view, calls = flaky_view(failures=2)
    middleware = RetrySafeRequestsMiddleware(lambda request: HttpResponse())
    with pytest.raises(OperationalError):
        middleware.process_view(RequestFactory().get("/catalog/"), view, (), {})
    assert len(calls) == 2


def refused():
    return Database.OperationalError('connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: '
                                          "Connection refused")


def starting_up():
    return Database.OperationalError("FATAL:  the database system is starting up")


def wrong_password():
    return Database.OperationalError('FATAL:  password authentication failed for user "library"')


def wrapper_failing_with(monkeypatch, errors, retry_seconds):
    attempts = []

    def connect(self, conn_params):
        attempts.append(1)
        if errors:
            raise errors.pop(0)
        return "connection"

    monkeypatch.setattr(base.base.DatabaseWrapper, "get_new_connection", connect)
    monkeypatch.setattr(base.time, "sleep", lambda seconds: None)
    wrapper = base.DatabaseWrapper({**connection.settings_dict, "CONNECT_RETRY_SECONDS": retry_seconds})
    return wrapper, attempts


def test_a_new_connection_waits_for_a_restarting_server(monkeypatch):
    wrapper, attempts = wrapper_failing_with(monkeypatch, [refused(), starting_up()], 5)
    assert wrapper.get_new_connection({}) == "connection"
    assert len(attempts) == 3


def test_a_wrong_password_fails_at_once(monkeypatch):
    wrapper, attempts = wrapper_failing_with(monkeypatch, [wrong_password()], 5)
    with pytest.raises(Database.OperationalError, match="password"):
        wrapper.get_new_connection({})
    assert len(attempts) == 1


def test_waiting_ends_at_the_deadline(monkeypatch):
    wrapper, attempts = wrapper_failing_with(monkeypatch, [refused(), refused(), refused()], 0)
    with pytest.raises(Database.OperationalError, match="refused") as failure:
        wrapper.get_new_connection({})
    assert len(attempts) == 1
    assert failure.value.new_connection_failed
