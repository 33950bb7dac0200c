"""Production settings refuse to start with missing or weak values, naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from locallibrary.env import parse_admins, parse_database_url

APP = Path(__file__).resolve().parent.parent
GOOD_KEY = "k7Hq2-Zp9xLmW3rT8vYbN4cJ6fGd1sAeQ0uIoPlKjHgFdSaZxCvBnM_-qWeRtY"


def start(env_changes: dict) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter, as gunicorn would at start."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "library.example.org",
                "DATABASE_URL": "postgresql://u:p@db.internal:5432/library"})
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    code = "import django; from django.conf import settings; django.setup(); print('started')"
    return subprocess.run([sys.executable, "-c", code], cwd=APP, env={**env, "DJANGO_SETTINGS_MODULE":
                          "locallibrary.settings"}, capture_output=True, text=True, timeout=60, check=False)


def test_good_production_settings_start():
    result = start({})
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize(("changes", "named"), [
    ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY is not set"),
    ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY is not set"),
    ({"DJANGO_SECRET_KEY": "short-key"}, "DJANGO_SECRET_KEY is too weak"),
    ({"DJANGO_SECRET_KEY": "django-insecure-" + "x1y2z3" * 10}, "DJANGO_SECRET_KEY is too weak"),
    ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS is empty"),
    ({"DJANGO_ALLOWED_HOSTS": None}, "DJANGO_ALLOWED_HOSTS is empty"),
    ({"DATABASE_URL": None}, "DATABASE_URL is not set"),
    ({"DATABASE_URL": "sqlite:///db.sqlite3"}, "only for development"),
    ({"DATABASE_URL": "mysql://u:p@h/db"}, "not supported"),
    ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be true or false"),
    ({"DJANGO_EMAIL_PORT": "smtp"}, "DJANGO_EMAIL_PORT must be a whole number"),
])
def test_bad_production_settings_fail_at_start(changes, named):
    result = start(changes)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr


def test_debug_allows_sqlite_and_no_secret():
    result = start({"DJANGO_DEBUG": "true", "DJANGO_SECRET_KEY": None, "DATABASE_URL": "sqlite:///dev.sqlite3"})
    assert result.returncode == 0, result.stderr


def test_database_url_for_the_local_socket():
    db = parse_database_url("postgresql://library:s3cr%40t@/library?host=/var/run/postgresql", allow_sqlite=False)
    assert db["NAME"] == "library" and db["USER"] == "library" and db["PASSWORD"] == "s3cr@t"
    assert db["HOST"] == "/var/run/postgresql" and db["PORT"] == ""


def test_database_url_with_host_port_and_options():
    db = parse_database_url("postgres://app:pw@db.example.org:6432/lib?sslmode=require", allow_sqlite=False)
    assert (db["HOST"], db["PORT"], db["OPTIONS"]) == ("db.example.org", "6432", {"sslmode": "require"})


def test_database_url_needs_a_name():
    with pytest.raises(ImproperlyConfigured):
        parse_database_url("postgresql://u:p@h:5432/", allow_sqlite=False)


def test_admins_parsing():
    assert parse_admins("Ada <ada@example.org>, bob@example.org") == [
        ("Ada", "ada@example.org"), ("bob", "bob@example.org")]
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ADMINS"):
        parse_admins("not-an-address")


def test_settings_silence_no_checks():
    from django.conf import settings

    assert not getattr(settings, "SILENCED_SYSTEM_CHECKS", [])
