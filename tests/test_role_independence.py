"""No role knows another role or the bundled app: values reach a role only through its own variables.

A role's tasks, templates, defaults, vars, handlers and files must not name another role's variables
(its prefix, e.g. nginx_ in the certbot role), the paths another role owns (PostgreSQL's socket folder,
HAProxy's admin socket), nor the bundled app (locallibrary, django_app/); group_vars/all and the
playbooks wire the roles together. READMEs may mention other roles in prose and examples.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROLES_DIR = Path(__file__).resolve().parent.parent / "roles"
ROLES = sorted(p.name for p in ROLES_DIR.iterdir() if (p / "tasks").is_dir())
PARTS = ("tasks", "templates", "defaults", "vars", "handlers", "files", "library", "filter_plugins", "meta")


def role_files(role: str):
    for part in PARTS:
        folder = ROLES_DIR / role / part
        if folder.is_dir():
            yield from (f for f in sorted(folder.rglob("*")) if f.is_file())


# Paths a role owns: another role gets them through its own variables (group_vars/all wires them).
OWNED_PATHS = {"postgresql": [r"/(?:var/)?run/postgresql"], "haproxy": [r"/run/haproxy"]}


@pytest.mark.parametrize("role", ROLES)
def test_role_names_no_other_role_and_not_the_app(role):
    others = [r for r in ROLES if r != role]
    owned = [path for owner, paths in OWNED_PATHS.items() if owner != role for path in paths]
    pattern = re.compile(r"\b(?:__)?(?:%s)_[a-z]" % "|".join(others) + r"|locallibrary|\bdjango_app\b|" + "|".join(owned),
                         re.IGNORECASE)
    found = []
    for path in role_files(role):
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(ROLES_DIR)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
