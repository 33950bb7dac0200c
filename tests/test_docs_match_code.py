"""What README and CI say about tags, roles and scenarios is read from the code, not kept by hand."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def playbook_tags() -> list[str]:
    """The tags of the roles and plays site.yml runs, in their order, each once (always is not a concern)."""
    found = []
    for playbook in ("playbooks/provision.yml", "playbooks/deploy.yml"):
        for play in yaml.safe_load((REPO / playbook).read_text()):
            for item in [play, *play.get("roles", []), *play.get("tasks", [])]:
                for tag in item.get("tags", []) if isinstance(item, dict) else []:
                    if tag != "always" and tag not in found:
                        found.append(tag)
    return found


def test_the_tag_lists_in_readme_and_site_yml_are_the_playbooks_tags():
    tags = playbook_tags()
    readme = " ".join((REPO / "README.md").read_text().split())
    listed = re.search(r"Tags run one concern: ((?:`[a-z_]+`(?:, |\.))+)", readme)
    assert listed, "README lost its tag list"
    assert re.findall(r"`([a-z_]+)`", listed[1]) == tags
    site = re.search(r"^# Tags run one concern: (.*)\.$", (REPO / "site.yml").read_text(), re.M)
    assert site[1].split(", ") == tags


def role_scenarios() -> dict[str, set[str]]:
    """Each scenario and the roles its converge applies (by name, as `role: x` or `name: x`)."""
    found = {}
    for converge in REPO.glob("molecule/*/converge.yml"):
        text = converge.read_text()
        found[converge.parent.name] = set(re.findall(r"^\s*-? ?(?:role|name): ([a-z_]+)\s*$", text, re.M))
    return found


def test_every_role_is_applied_by_a_scenario_of_its_own_or_the_cluster():
    roles = {path.name for path in (REPO / "roles").iterdir() if (path / "tasks").is_dir()}
    scenarios = role_scenarios()
    covered = set().union(*(applied for name, applied in scenarios.items() if name not in ("site", "cluster")))
    # The balancer needs web hosts to balance: the cluster scenario checks its behaviour (verify-haproxy.yml).
    assert roles - covered == {"haproxy"}
    assert (REPO / "molecule/cluster/verify-haproxy.yml").is_file()


def test_the_github_workflow_runs_every_scenario_make_test_runs():
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text())
    matrix = workflow["jobs"]["molecule"]["strategy"]["matrix"]["scenario"]
    scenarios = {path.parent.name for path in REPO.glob("molecule/*/molecule.yml")}
    assert sorted(matrix) == sorted(scenarios)
