"""Helpers to apply a role to the controller in check mode and read how it failed."""

from __future__ import annotations

import json
import os
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


@pytest.fixture(scope="session")
def ssh_key_pair(tmp_path_factory) -> tuple[str, str]:
    """An ed25519 key pair made at test time (public line, private text); never committed."""
    path = tmp_path_factory.mktemp("keys") / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ops@test", "-f", str(path)], check=True)
    return path.with_suffix(".pub").read_text().strip(), path.read_text()
