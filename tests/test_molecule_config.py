"""The systemd container options are defined in .config/molecule/config.yml; molecule/site repeats
them for all four systems, molecule/cluster for its four hosts (Molecule replaces a scenario's
platform list whole). The copies must agree."""

from __future__ import annotations

import configparser
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SUPPORTED = ["ubuntu2404", "ubuntu2604", "debian12", "debian13"]


def platforms(path: str) -> list[dict]:
    return yaml.safe_load((REPO / path).read_text())["platforms"]


def image_name(platform: dict) -> str:
    return platform["image"].split("/")[1].split(":")[0]


def test_the_site_scenario_runs_every_supported_system_with_the_shared_options():
    shared = platforms(".config/molecule/config.yml")
    site = platforms("molecule/site/molecule.yml")
    cluster = platforms("molecule/cluster/molecule.yml")
    assert sorted(image_name(p) for p in site) == sorted(SUPPORTED)
    assert set(image_name(p) for p in cluster) == set(SUPPORTED)
    # No two containers of one scenario install from the same package cache folder.
    for scenario in (site, cluster):
        caches = [v for p in scenario for v in p["volumes"] if "/var/cache/apt/" in v]
        assert len(caches) == len(set(caches)), caches
    # Role scenarios that run side by side keep their package caches apart with a suffix (scripts/test).
    suffix = "${MOLECULE_APT_CACHE_SUFFIX}"
    assert all(suffix in v for p in shared for v in p["volumes"] if "/var/cache/apt/" in v)
    for platform in shared:
        platform["volumes"] = [v.replace(suffix, "") for v in platform["volumes"]]
    reference = shared[0]
    for platform in shared + site + cluster:
        for option in ("pre_build_image", "override_command", "capabilities", "security_opts", "cgroupns_mode",
                       "tmpfs", "groups"):
            assert platform[option] == reference[option], (platform["name"], option)
        # The same mounts, each system with its own package cache (a second container of a system
        # in one scenario adds its own suffix).
        cache = next(v for v in platform["volumes"] if "/var/cache/apt/" in v).split("/.cache/apt/")[1].split(":")[0]
        assert cache.split("-")[0] == image_name(platform), platform["name"]
        expected = [v.replace(image_name(reference), cache) for v in reference["volumes"]]
        assert platform["volumes"] == expected, platform["name"]


def test_role_scenarios_run_the_newest_ubuntu_and_the_newest_debian():
    assert [image_name(p) for p in platforms(".config/molecule/config.yml")] == ["ubuntu2604", "debian13"]


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
