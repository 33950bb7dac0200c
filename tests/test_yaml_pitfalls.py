"""YAML that parses but does not mean what it says.

A condition written as a plain YAML scalar that contains ": " (a regex for a mail header, say)
becomes a one-key mapping, and assert/when/until then fail at run time, often only on the path a
scenario rarely takes. Every condition must reach Ansible as a string: quote it or fold it (>-).
"""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
FILES = sorted(p for folder in ("roles", "playbooks", "molecule") for p in (REPO / folder).rglob("*.yml")
               if ".cache" not in p.parts)


def conditions(node):
    """Every value of assert's that, when, until, failed_when and changed_when found in node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("when", "until", "failed_when", "changed_when") and not isinstance(value, bool):
                yield from (value if isinstance(value, list) else [value])
            elif key == "that":
                yield from (value if isinstance(value, list) else [value])
            else:
                yield from conditions(value)
    elif isinstance(node, list):
        for item in node:
            yield from conditions(item)


class Loader(yaml.SafeLoader):
    pass


# Ansible's !vault and !unsafe tags are not conditions; load them as plain text.
Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node))


def test_every_condition_is_a_string():
    wrong = {}
    for path in FILES:
        document = yaml.load(path.read_text(), Loader=Loader)  # noqa: S506 - a SafeLoader subclass
        found = [c for c in conditions(document) if not isinstance(c, (str, bool))]
        if found:
            wrong[str(path.relative_to(REPO))] = found
    assert wrong == {}, f"conditions that YAML turned into something else than a string: {wrong}"
