"""The systemd container options are defined in .config/molecule/config.yml; molecule/site repeats
them for its three systems, molecule/cluster for its five hosts, and a role scenario that runs on
another system than the newest Ubuntu for its one (Molecule replaces a scenario's platform list
whole). The copies must agree. Each system runs each role once: the role scenarios on the newest
Ubuntu, the site scenario on the other three, the cluster's hosts on all four."""

from __future__ import annotations

import configparser
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SUPPORTED = ["ubuntu2404", "ubuntu2604", "debian12", "debian13"]
# Where the role scenarios run each role, and so the one system the site scenario leaves out.
ROLE_SYSTEM = "ubuntu2604"


def platforms(path: str) -> list[dict]:
    return yaml.safe_load((REPO / path).read_text())["platforms"]


def image_name(platform: dict) -> str:
    return platform["image"].split("/")[1].split(":")[0]


def scenario_platforms() -> dict[str, list[dict]]:
    """Each scenario's platforms: its own list, or the shared one."""
    shared = platforms(".config/molecule/config.yml")
    found = {}
    for path in sorted(REPO.glob("molecule/*/molecule.yml")):
        own = yaml.safe_load(path.read_text()).get("platforms")
        found[path.parent.name] = own if own is not None else shared
    return found


ROLE_SCENARIO_SUFFIX = "${MOLECULE_APT_CACHE_SUFFIX}"


def test_the_site_scenario_runs_every_other_supported_system_with_the_shared_options():
    shared = platforms(".config/molecule/config.yml")
    scenarios = scenario_platforms()
    assert image_name(shared[0]) == ROLE_SYSTEM
    assert sorted(image_name(p) for p in scenarios["site"]) == sorted(set(SUPPORTED) - {ROLE_SYSTEM})
    assert set(image_name(p) for p in scenarios["cluster"]) == set(SUPPORTED)
    # Scenarios that run beside another keep their package caches apart with a suffix (scripts/test):
    # every one but the site scenario, which the others' suffixes keep apart from.
    for name, scenario in scenarios.items():
        if name != "site":
            assert all(ROLE_SCENARIO_SUFFIX in v for p in scenario for v in p["volumes"] if "/var/cache/apt/" in v), name
    reference = dict(shared[0], volumes=[v.replace(ROLE_SCENARIO_SUFFIX, "") for v in shared[0]["volumes"]])
    for name, scenario in scenarios.items():
        # No two containers of one scenario install from the same package cache folder.
        caches = [v for p in scenario for v in p["volumes"] if "/var/cache/apt/" in v]
        assert len(caches) == len(set(caches)), caches
        for platform in scenario:
            volumes = [v.replace(ROLE_SCENARIO_SUFFIX, "") for v in platform["volumes"]]
            for option in ("pre_build_image", "override_command", "capabilities", "security_opts", "cgroupns_mode",
                           "tmpfs", "groups"):
                assert platform[option] == reference[option], (name, platform["name"], option)
            # The same mounts, each system with its own package cache (a second container of a system
            # in one scenario adds its own suffix).
            cache = next(v for v in volumes if "/var/cache/apt/" in v).split("/.cache/apt/")[1].split(":")[0]
            assert cache.split("-")[0] == image_name(platform), (name, platform["name"])
            expected = [v.replace(image_name(reference), cache) for v in reference["volumes"]]
            assert volumes == expected, (name, platform["name"])


def test_role_scenarios_run_on_the_newest_ubuntu_one_system_each():
    # A role scenario tests its role's own options on the newest Ubuntu, the system the site scenario
    # leaves out (the firewall's also on Debian 13: each host probes a port open to the other only;
    # valkey's also on Debian 12, the one release that installs Redis instead).
    systems = {name: [image_name(p) for p in scenario] for name, scenario in scenario_platforms().items()
               if name not in ("site", "cluster")}
    assert systems.pop("firewall") == [ROLE_SYSTEM, "debian13"]
    assert systems.pop("valkey") == [ROLE_SYSTEM, "debian12"]
    assert all(images == [ROLE_SYSTEM] for images in systems.values()), systems


def test_molecule_runs_the_playbooks_with_the_projects_fact_and_connection_settings():
    # Molecule writes its own ansible.cfg and ignores the project's: the settings the playbooks rely
    # on are repeated in the shared config, and must not drift from the project's.
    project = configparser.ConfigParser()
    project.read(REPO / "ansible.cfg")
    options = yaml.safe_load((REPO / ".config/molecule/config.yml").read_text())["provisioner"]["config_options"]
    assert options["defaults"]["gathering"] == project["defaults"]["gathering"]
    assert options["defaults"]["interpreter_python"] == project["defaults"]["interpreter_python"]
    assert options["defaults"]["callback_result_format"] == project["defaults"]["callback_result_format"]
    assert str(options["connection"]["pipelining"]).lower() == project["ssh_connection"]["pipelining"]
