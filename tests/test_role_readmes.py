"""Each role's README variable table matches its argument_specs and its defaults.

The specs are the one source of a role's variables: every option of every entry point (main,
and tasks_from ones such as rollback) has a row, nothing else does, each row shows the spec's type,
and each variable has its default in defaults/main.yml.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROLES = sorted(p.parent.parent for p in (Path(__file__).resolve().parent.parent / "roles").glob("*/meta/argument_specs.yml"))
ROW = re.compile(r"^\| `(?P<name>[a-z0-9_]+)` \| (?P<default>[^|]*(?:\\\|[^|]*)*) \| (?P<type>[^|]+) \|")


def readme_rows(role: Path) -> dict[str, dict]:
    rows = {}
    for line in (role / "README.md").read_text().splitlines():
        match = ROW.match(line)
        if match:
            rows[match["name"]] = {"type": match["type"].strip(), "default": match["default"].strip()}
    return rows


def spec_type(option: dict) -> str:
    kind = option.get("type", "str")
    if kind == "list":
        kind = f"list of {option.get('elements', 'str')}"
    if "choices" in option:
        kind += f" ({', '.join(str(c) for c in option['choices'])})"
    return kind


@pytest.mark.parametrize("role", ROLES, ids=[r.name for r in ROLES])
def test_readme_table_matches_the_argument_specs(role):
    entry_points = yaml.safe_load((role / "meta" / "argument_specs.yml").read_text())["argument_specs"].values()
    options = {name: option for entry in entry_points for name, option in entry.get("options", {}).items()}
    defaults = yaml.safe_load((role / "defaults" / "main.yml").read_text()) or {}
    rows = readme_rows(role)
    assert sorted(rows) == sorted(options), f"{role.name}: README rows differ from argument_specs"
    for name, option in options.items():
        assert rows[name]["type"] == spec_type(option), (role.name, name, rows[name]["type"])
        assert name in defaults, f"{role.name}: {name} has no default in defaults/main.yml"
