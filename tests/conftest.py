"""Helpers to apply a role to the controller in check mode and read how it failed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def run_play(tmp_path):
    """Run one play against localhost in check mode; return the result."""

    def run(play: dict) -> subprocess.CompletedProcess:
        playbook = tmp_path / "play.yml"
        playbook.write_text(json.dumps([{"hosts": "localhost", "connection": "local", **play}]))
        env = dict(os.environ,
                   ANSIBLE_ROLES_PATH=str(REPO / "roles"),
                   ANSIBLE_LOCALHOST_WARNING="false",
                   ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
                   ANSIBLE_NOCOLOR="1",
                   ANSIBLE_PYTHON_INTERPRETER=sys.executable)
        bindir = Path(sys.executable).parent
        return subprocess.run(
            [str(bindir / "ansible-playbook"), "--check", "-i", "localhost,", str(playbook)],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False)

    return run


@pytest.fixture
def apply_role(run_play):
    """Run one role against localhost in check mode with the given variables; return the result."""

    def run(role: str, variables: dict, gather_facts: bool = False) -> subprocess.CompletedProcess:
        return run_play({"name": f"Apply {role} with bad input", "gather_facts": gather_facts,
                         "roles": [{"role": role, "vars": variables}]})

    return run


def apply_roles_at_once(cases: list[tuple[str, dict, bool]], folder: Path) -> list[dict]:
    """Apply each (role, variables, gather_facts) case to the controller in check mode, all in one
    ansible-playbook run (a run per case cost about 2 s of start-up each): every case is a host
    alias of its own, holding the case's variables, and one play includes each host's role, so
    a case that fails stops only its own host. Returns, per case, whether it failed, how many
    changes it made and what its failed task said.

    The cases whose checks need facts get the controller's, gathered once into a fact cache that
    every such case host reads (gathering them per case host was 26 of the run's 31 s)."""
    inventory = {"all": {"hosts": {
        f"case{i}": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                     "case_role": role, **variables}
        for i, (role, variables, gather_facts) in enumerate(cases)}}}
    (folder / "inventory.json").write_text(json.dumps(inventory))
    (folder / "play.yml").write_text(json.dumps([{
        "name": "Apply each case's role with its bad input", "hosts": "all", "gather_facts": False,
        "tasks": [{"name": "Apply the role", "ansible.builtin.include_role": {"name": "{{ case_role }}"}}]}]))
    env = dict(os.environ,
               ANSIBLE_ROLES_PATH=str(REPO / "roles"),
               ANSIBLE_STDOUT_CALLBACK="ansible.builtin.json",
               ANSIBLE_NOCOLOR="1",
               ANSIBLE_CACHE_PLUGIN="ansible.builtin.jsonfile",
               ANSIBLE_CACHE_PLUGIN_CONNECTION=str(folder / "facts"))
    bindir = Path(sys.executable).parent
    if any(gather_facts for _, _, gather_facts in cases):
        (folder / "facts.yml").write_text(json.dumps([{
            "name": "Gather the controller's facts into the cache", "hosts": "localhost", "connection": "local",
            "gather_facts": True, "vars": {"ansible_python_interpreter": sys.executable}, "tasks": []}]))
        subprocess.run([str(bindir / "ansible-playbook"), "-i", "localhost,", str(folder / "facts.yml")],
                       capture_output=True, text=True, env=env, cwd=folder, timeout=120, check=True)
        # The cache keeps a file per host, named after it (with a prefix of its format's version).
        [cached] = (folder / "facts").glob("*localhost")
        for i, (_, _, gather_facts) in enumerate(cases):
            if gather_facts:
                shutil.copyfile(cached, cached.with_name(cached.name.replace("localhost", f"case{i}")))
    run = subprocess.run(
        [str(bindir / "ansible-playbook"), "--check", "-i", str(folder / "inventory.json"), str(folder / "play.yml")],
        capture_output=True, text=True, env=env, cwd=folder, timeout=900, check=False)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError as error:
        raise AssertionError(f"ansible-playbook gave no JSON report: {run.stderr}{run.stdout}") from error
    outcome = []
    for i in range(len(cases)):
        host = f"case{i}"
        # What the failed task said (its message and the argument errors), not the whole results:
        # a passed argument check lists every option's name.
        failures = [{key: item.get(key) for key in ("msg", "argument_errors")}
                    for play in report["plays"] for task in play["tasks"]
                    for result in [task["hosts"].get(host)] if result and result.get("failed")
                    # A loop's failed items lose their "failed" key in the report: keep every item
                    # that neither passed its assertion nor was skipped.
                    for item in [result, *result.get("results", [])]
                    if item is result or not (item.get("skipped") or item.get("msg") == "All assertions passed")]
        stats = report["stats"].get(host, {})
        outcome.append({"failed": stats.get("failures", 0) > 0 or stats.get("unreachable", 0) > 0,
                        "changed": stats.get("changed", 0),
                        "text": json.dumps(failures)})
    return outcome


@pytest.fixture(scope="session")
def ssh_key_pair(tmp_path_factory) -> tuple[str, str]:
    """An ed25519 key pair made at test time (public line, private text); never committed."""
    path = tmp_path_factory.mktemp("keys") / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ops@test", "-f", str(path)], check=True)
    return path.with_suffix(".pub").read_text().strip(), path.read_text()
