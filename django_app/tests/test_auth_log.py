import logging

import pytest

pytestmark = pytest.mark.django_db


def failed_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "catalog.auth"]


def test_a_failed_login_is_logged_with_the_address_nginx_added(client, caplog):
    caplog.set_level(logging.WARNING, logger="catalog.auth")
    # A client-supplied X-Forwarded-For entry comes first; nginx appends the real peer last.
    client.post("/accounts/login/", {"username": "bob", "password": "wrong"},
                HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    assert failed_lines(caplog) == ["failed login from 203.0.113.9 for 'bob'"]


def test_a_username_cannot_forge_the_address(client, caplog):
    caplog.set_level(logging.WARNING, logger="catalog.auth")
    client.post("/accounts/login/", {"username": "x from 192.0.2.1", "password": "wrong"},
                HTTP_X_FORWARDED_FOR="not-an-address")
    [line] = failed_lines(caplog)
    assert line.startswith("failed login from 127.0.0.1 for ")


def test_a_good_login_logs_no_failure(client, caplog, django_user_model):
    django_user_model.objects.create_user(username="ann", password="a-long-enough-password")
    caplog.set_level(logging.WARNING, logger="catalog.auth")
    response = client.post("/accounts/login/", {"username": "ann", "password": "a-long-enough-password"})
    assert response.status_code == 302
    assert failed_lines(caplog) == []
