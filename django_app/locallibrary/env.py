"""Read settings from environment variables, failing loudly with the variable's name."""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (got {raw!r})")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number (got {raw!r})") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def parse_admins(raw: str) -> list[tuple[str, str]]:
    """'Ada <ada@example.org>, bob@example.org' -> [('Ada', 'ada@...'), ('bob', 'bob@...')]."""
    admins = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        if "<" in item and item.endswith(">"):
            name, email = item[:-1].split("<", 1)
            name, email = name.strip(), email.strip()
        else:
            name, email = item.split("@", 1)[0], item
        if "@" not in email:
            raise ImproperlyConfigured(f"DJANGO_ADMINS: {item!r} is not an email address")
        admins.append((name or email, email))
    return admins


def parse_database_url(url: str, *, allow_sqlite: bool) -> dict:
    """Turn DATABASE_URL into a DATABASES entry (PostgreSQL; SQLite only when allowed)."""
    if not url:
        raise ImproperlyConfigured(
            "DATABASE_URL is not set. Use postgresql://USER:PASSWORD@HOST:PORT/NAME "
            "(or postgresql:///NAME?host=/var/run/postgresql for the local socket); "
            "sqlite:///path is accepted only with DJANGO_DEBUG=true.")
    parts = urlsplit(url)
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        host = options.pop("host", None) or (unquote(parts.hostname) if parts.hostname else "")
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured("DATABASE_URL names no database (postgresql://.../NAME)")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": host,
            "PORT": str(parts.port or ""),
            "OPTIONS": options,
        }
    if parts.scheme == "sqlite":
        if not allow_sqlite:
            raise ImproperlyConfigured(
                "DATABASE_URL points at SQLite, which is only for development: "
                "set DJANGO_DEBUG=true to use it, or use PostgreSQL.")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": unquote(parts.path[1:] or ":memory:")}
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parts.scheme!r} is not supported (use postgresql://)")
