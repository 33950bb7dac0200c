"""Preflight, the first play of every playbook: the hosts run a supported system, the inventory makes a
site and holds no placeholders, and every setting a user writes is valid, or nothing changes."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent


def controller_system() -> dict:
    """This machine as the OS check sees it, so the test reaches the placeholder check."""
    import platform

    release = platform.freedesktop_os_release()
    return {"distribution": release["NAME"].split()[0], "version": release["VERSION_ID"]}


def run_playbook(playbook: str, extra: dict) -> subprocess.CompletedProcess:
    """Run a playbook against the production example with this controller standing in for the VPS."""
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_CALLBACK_RESULT_FORMAT="json", ANSIBLE_CACHE_PLUGIN="memory")
    return subprocess.run(
        [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "inventory/production", playbook,
         "-e", "ansible_connection=local", "-e", f"ansible_python_interpreter={sys.executable}",
         "-e", "ansible_become=false", "-e", json.dumps(extra)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=180, check=False)


def test_production_placeholders_stop_the_site_before_any_change():
    # Facts come from the controller itself, so the check runs without reaching the example address.
    result = run_playbook("playbooks/preflight.yml", {"site_supported_systems": [controller_system()]})
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "placeholder values" in out
    for placeholder in ("site_domains: library.example.org", "site_admin_email: admin@example.org",
                        "site_deploy_ssh_keys: ssh-ed25519 AAAA_REPLACE"):
        assert placeholder in out, out


def test_cluster_example_placeholders_stop_the_site_before_any_change():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "inventory/production-cluster", "playbooks/preflight.yml",
         "-e", "ansible_connection=local", "-e", f"ansible_python_interpreter={sys.executable}", "-e", "ansible_become=false",
         "-e", json.dumps({"site_supported_systems": [controller_system()]})],
        cwd=REPO, env=dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_CACHE_PLUGIN="memory"),
        capture_output=True, text=True, timeout=180, check=False)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "placeholder values" in out and "site_domains: library.example.org" in out, out


def test_an_unsupported_system_stops_the_site_before_any_change():
    # Pretend only a system this controller is not is supported.
    other = {"distribution": "Ubuntu", "version": "24.04"}
    if controller_system() == other:
        other = {"distribution": "Debian", "version": "12"}
    result = run_playbook("playbooks/preflight.yml", {"site_supported_systems": [other]})
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert f"supported: {other['distribution']} {other['version']}" in out, out


NO_PREFLIGHT = "# No preflight: "


def playbooks_with_preflight() -> list[str]:
    """Every playbook a user runs, but those whose header says why they must not check first."""
    found = []
    for path in sorted((REPO / "playbooks").glob("*.yml")):
        header = [line for line in path.read_text().splitlines() if line.startswith("#")]
        if path.name != "preflight.yml" and not any(line.startswith(NO_PREFLIGHT) for line in header):
            found.append(f"playbooks/{path.name}")
    return found


def test_every_playbook_checks_first_unless_it_says_why():
    skipping = {path.name: line.removeprefix(NO_PREFLIGHT) for path in (REPO / "playbooks").glob("*.yml")
                for line in path.read_text().splitlines() if line.startswith(NO_PREFLIGHT)}
    assert set(skipping) == {"show-settings.yml", "status.yml"}, skipping
    assert all(len(reason.split()) >= 3 for reason in skipping.values()), skipping
    # The first play of every other playbook is the import of preflight.yml (site.yml's, of
    # provision.yml, which is one of them), unconditional: no when, tags or vars that could skip it.
    for playbook in playbooks_with_preflight() + ["site.yml"]:
        first = yaml.safe_load((REPO / playbook).read_text())[0]
        assert first.get("ansible.builtin.import_playbook") in ("preflight.yml", "playbooks/provision.yml"), playbook
        assert set(first) == {"name", "ansible.builtin.import_playbook"}, (playbook, first)


# That import stops a playbook at its first task: proven once, through site.yml's two levels of
# imports (site.yml -> provision.yml -> preflight.yml); the test above holds every playbook to it.
def test_a_playbook_stops_on_an_unsupported_system_before_any_change():
    this = controller_system()
    result = run_playbook("site.yml", {"site_supported_systems": [{"distribution": "Rocky", "version": "9"}]})
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert f"vps1 runs {this['distribution']} {this['version']}; supported: Rocky 9." in out, out
    # The OS check is the first thing that failed, and nothing ran after it.
    assert "ok=1 " in out and "changed=0" in out and "failed=1" in out, out
    assert "Deploy the app" not in out and "Secure the hosts" not in out, out


def test_a_retired_system_is_refused_with_the_reason():
    this = controller_system()
    result = run_playbook("playbooks/deploy.yml", {
        "site_supported_systems": [{"distribution": "Rocky", "version": "9"}],
        "site_retired_systems": [dict(this, reason="its packages are too old; use Rocky 9")]})
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert f"{this['distribution']} {this['version']} is no longer supported: its packages are too old; use Rocky 9." in out, out


def test_preflight_judges_a_rebuilt_server_by_fresh_facts(tmp_path):
    """ansible.cfg caches facts for two hours; a server reinstalled with another system meanwhile must not pass on old ones."""
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_CALLBACK_RESULT_FORMAT="json",
               ANSIBLE_CACHE_PLUGIN="jsonfile", ANSIBLE_CACHE_PLUGIN_CONNECTION=str(tmp_path))
    # The last run lets Ansible find the interpreter itself, as it does on a real host.
    # Discovery tries only this interpreter: a pyenv shim on PATH may answer for no version.
    discovering = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "inventory/production",
                   "playbooks/preflight.yml", "-e", "ansible_connection=local",
                   "-e", json.dumps({"ansible_interpreter_python_fallback": [sys.executable]})]
    base = discovering + ["-e", f"ansible_python_interpreter={sys.executable}"]
    other = {"distribution": "Ubuntu", "version": "24.04"}
    if controller_system() == other:
        other = {"distribution": "Debian", "version": "12"}

    # A first run caches this controller's facts (it then stops at the placeholders, which is fine here).
    subprocess.run(base, cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert list(tmp_path.glob("*vps1")), "the first run should have cached the host's facts"
    # The cache now claims the host runs the one supported system, as it did before a rebuild, with
    # a Python interpreter that the rebuilt system no longer has.
    stale = {"ansible_distribution": other["distribution"], "ansible_distribution_version": other["version"],
             "ansible_distribution_major_version": other["version"].split(".")[0],
             "discovered_interpreter_python": "/usr/bin/python3.99", "cacheable": True}
    subprocess.run([str(Path(sys.executable).parent / "ansible"), "-i", "inventory/production", "vps1",
                    "-e", "ansible_connection=local", "-e", f"ansible_python_interpreter={sys.executable}",
                    "-m", "ansible.builtin.set_fact", "-a", json.dumps(stale)],
                   cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=True)

    result = subprocess.run(discovering + ["-e", json.dumps({"site_supported_systems": [other]})],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert f"supported: {other['distribution']} {other['version']}" in out, out


def controller_address() -> str:
    """An IPv4 address of this machine, as Ansible's facts list it."""
    return subprocess.run(["hostname", "-I"], capture_output=True, text=True, check=True).stdout.split()[0]


def run_preflight_on(tmp_path: Path, groups: dict, key: str, playbook: str = "playbooks/preflight.yml",
                     extra: tuple = (), **values) -> subprocess.CompletedProcess:
    """Preflight (or a playbook that starts with it, with extra arguments) against an inventory of the
    given groups, every host being this controller."""
    hosts = sorted({host for members in groups.values() for host in members})
    inventory = {"all": {"children": {"site": {"hosts": {host: {} for host in hosts}},
                                      **{group: {"hosts": {host: {} for host in members}} for group, members in groups.items()}}}}
    (tmp_path / "hosts.yml").write_text(json.dumps(inventory))
    # The values sit in group_vars/ of a group holding every host, as in inventory/production: they win over group_vars/all.
    (tmp_path / "group_vars" / "site").mkdir(parents=True)
    (tmp_path / "group_vars" / "site" / "main.yml").write_text(json.dumps({
        "ansible_connection": "local", "ansible_python_interpreter": sys.executable, "ansible_become": False,
        "site_domains": ["library.test"], "site_admin_email": "ops@library.test",
        "site_deploy_ssh_keys": [key],
        "site_supported_systems": [controller_system()], **values}))
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_CACHE_PLUGIN="memory")
    return subprocess.run([str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(tmp_path / "hosts.yml"),
                           playbook, *extra], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=180, check=False)


# Every shape and its message is in tests/test_topology.py; this proves preflight stops on them.
def test_an_inventory_whose_groups_make_no_site_stops_in_preflight(tmp_path, ssh_key_pair):
    result = run_preflight_on(tmp_path, {"web": ["w1"], "db": ["d1", "d2"]}, ssh_key_pair[0])
    out = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0, out
    assert "The db group has 2 hosts (d1, d2): web hosts without a database of their own (w1)" in out, out


def test_a_private_network_without_the_hosts_addresses_stops_in_preflight(tmp_path, ssh_key_pair):
    import ipaddress

    mine = [ipaddress.ip_address(a) for a in subprocess.run(["hostname", "-I"], capture_output=True, text=True,
                                                             check=True).stdout.split()]
    network = next(n for n in ("203.0.113.0/24", "198.51.100.0/24", "192.0.2.0/24")
                   if not any(a in ipaddress.ip_network(n) for a in mine))
    result = run_preflight_on(tmp_path, {"web": ["w1"], "db": ["d1"]}, ssh_key_pair[0], site_private_network=network)
    out = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0, out
    assert f"has no address in site_private_network ({network})" in out, out


# Two apps on one server, each on its own names (the second runs LocalLibrary's code under another name).
TWO_APPS = {"apps": [{"name": "locallibrary", "bundle": "django_app", "domains": ["library.test"],
                      "db_name": "library", "db_user": "library"},
                     {"name": "news", "bundle": "django_app", "wsgi": "locallibrary.wsgi:application",
                      "settings": "locallibrary.settings", "domains": ["news.test"]}]}
BALANCED = {"lb": ["b1"], "web": ["w1", "w2"], "db": ["d1"], "db_replica": ["r1"]}


# The other shapes' wiring is in tests/test_topology.py; here the largest passes preflight end to end.
def test_inventories_that_make_a_site_pass_preflight(tmp_path, ssh_key_pair):
    # Balancer in front of two apps, database host, standby.
    result = run_preflight_on(tmp_path, BALANCED, ssh_key_pair[0], site_private_network=controller_address() + "/32",
                              **TWO_APPS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_two_apps_on_one_server_pass_preflight_and_a_command_asks_whose_it_is(tmp_path, ssh_key_pair):
    # manage.yml starts with preflight: its own check is reached only once preflight has passed.
    result = run_preflight_on(tmp_path, {"web": ["w1"], "db": ["w1"]}, ssh_key_pair[0], "playbooks/manage.yml",
                              ("-e", "cmd=showmigrations"), site_private_network=controller_address() + "/32", **TWO_APPS)
    out = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0, out
    assert "This site serves 2 apps (locallibrary, news): say which one runs the command with -e app=NAME" in out, out


ONE_SERVER = {"web": ["s1"], "db": ["s1"]}

# An object store as a user describes one: the settings in group_vars, the secrets as vault_* (made now).
BACKUPS = {"site_backup_s3_endpoint": "https://objects.example.net:9000", "site_backup_s3_bucket": "library-backups",
           "vault_backup_s3_key": secrets.token_hex(10), "vault_backup_s3_key_secret": secrets.token_urlsafe(30),
           "vault_backup_cipher_pass": secrets.token_urlsafe(32)}
NO_ACCESS_KEY = {name: value for name, value in BACKUPS.items() if name != "vault_backup_s3_key"}


def test_a_whole_object_store_setting_passes_preflight(tmp_path, ssh_key_pair):
    # With two apps, the backups' folder in the bucket is named once (site_backup_name).
    result = run_preflight_on(tmp_path, ONE_SERVER, ssh_key_pair[0], **BACKUPS, **TWO_APPS, site_backup_name="library")
    assert result.returncode == 0, result.stdout + result.stderr


BAD_SETTINGS = [
    ({"site_domains": "library.test"}, 'site_domains must be a list of host names'),
    ({"site_domains": ["https://library.test"]}, 'site_domains must hold host names only, in lower case, without a scheme, port or path: '
                                                 '"https://library.test" is not'),
    ({"site_domains": ["library.test", "library.test/catalog"]}, '"library.test/catalog" is not'),
    ({"site_domains": ["library.test:8443"]}, '"library.test:8443" is not'),
    ({"site_domains": ["Library.test"]}, '"Library.test" is not'),
    ({"site_admin_email": "ops.library.test"}, 'site_admin_email must be one email address'),
    ({"site_admin_email": ["ops@library.test"]}, 'site_admin_email must be one email address'),
    ({"site_deploy_user": "Deploy User"}, 'site_deploy_user must be a login name other than root'),
    ({"sshd_port": 99999}, 'sshd_port must be a port number, 1 to 65535 (got 99999)'),
    ({"sshd_port": "ssh"}, 'sshd_port must be a port number, 1 to 65535 (got "ssh")'),
    ({"sshd_port": 0}, 'sshd_port must be a port number'),
    ({"site_private_network": "10.0.0.0"}, 'site_private_network must be a network in CIDR form'),
    ({"site_private_network": "10.0.0.0/33"}, 'site_private_network must be a network in CIDR form'),
    ({"site_mail_relay_port": 70000}, 'site_mail_relay_port must be a port number, 1 to 65535'),
    ({"site_mail_relay_host": "smtp://smtp.example.net:587"}, 'site_mail_relay_host must be the SMTP server'),
    ({"site_mail_relay_security": "ssl"}, 'site_mail_relay_security must be starttls'),
    ({"site_mail_from": "library.example.org"}, 'site_mail_from must be one email address'),
    ({"site_mail_relay_host": "smtp.example.net", "site_mail_relay_user": "library"},
     'site_mail_relay_password is empty'),
    ({**BACKUPS, "site_backup_s3_endpoint": "backups.test.dev:9000"},
     'site_backup_s3_endpoint must be the https:// URL of the S3 API, with the port when not 443'),
    ({**BACKUPS, "site_backup_s3_endpoint": "http://objects.example.net"}, 'site_backup_s3_endpoint must be the https:// URL'),
    ({**BACKUPS, "site_backup_s3_bucket": "Library_Backups"}, 'site_backup_s3_bucket must be a bucket name S3 accepts'),
    ({**BACKUPS, "site_backup_s3_bucket": "192.168.1.10"}, 'site_backup_s3_bucket must be a bucket name S3 accepts'),
    (NO_ACCESS_KEY, 'put vault_backup_s3_key and vault_backup_s3_key_secret in the inventory'),
    ({**BACKUPS, "vault_backup_cipher_pass": secrets.token_hex(15)}, 'vault_backup_cipher_pass, which must be at least 32 characters'),
    ({"postgresql_backup_s3_retention_full": 0}, 'postgresql_backup_s3_retention_full must be the number of full backups'),
    ({"files_backup_keep_daily": 0}, 'files_backup_keep_daily must be the number of daily snapshots'),
    ({**BACKUPS, **TWO_APPS}, 'site_backup_name is empty and the site has 2 apps'),
    ({**BACKUPS, "site_backup_name": "Library Backups"}, 'site_backup_name must be a folder name in the bucket'),
    ({"postgresql_backup_archive_queue_max_mb": "4GiB"}, 'postgresql_backup_archive_queue_max_mb must be the MiB of WAL'),
    # Every other bad description is in tests/test_apps.py; here preflight stops on them by name.
    ({"apps": [{"name": "catalog", "bundle": "django_app", "heath_path": "/ok"}]},
     'apps[0] (catalog): unknown key heath_path (did you mean health_path?)'),
    ({"app": {"name": "catalog"}}, 'app: (one app) became apps:, a list'),
    ({"app": "catalog"}, "app 'catalog' (-e app=NAME) is none of the apps: locallibrary"),
    ({"apps": [{"name": "catalog", "bundle": "django_app", "python": "3.99"}]},
     "apps[0] (catalog): python 3.99 is the oldest Python the app runs on, and this host's python3 is 3."),
    ({"apps": [{"name": "catalog", "git_repo": "https://oauth2:glpat-made-up@git.example.org/catalog.git"}]},
     "apps[0] (catalog): git_repo carries credentials"),
    ({"apps": [{"name": "catalog", "bundle": "django_app", "domains": ["catalog.example.org"]}]},
     "apps[0] (catalog): domains still holds the example's catalog.example.org"),
]


def preflight_at_once(tmp_path: Path, key: str, cases: list[dict]) -> list[dict]:
    """Preflight once for every case (a preflight run per case cost about 3.5 s, most of it start-up):
    each case is a one-server site of its own, a host alias of this controller holding the case's
    values as host variables (which win over group_vars/all, as an inventory's own values do). Every
    case fails or passes the settings check in the same task, and any_errors_fatal stops the run
    after it. Returns, per case, whether it stopped the run (its host failed and ansible-playbook
    exited non-zero) and the messages of the checks it failed."""
    hosts = {f"case{i:02}": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                             "ansible_become": False, "site_domains": ["library.test"],
                             "site_admin_email": "ops@library.test", "site_deploy_ssh_keys": [key],
                             "site_supported_systems": [controller_system()], **values}
             for i, values in enumerate(cases)}
    inventory = {"all": {"children": {"web": {"hosts": hosts}, "db": {"hosts": {host: {} for host in hosts}}}}}
    (tmp_path / "hosts.json").write_text(json.dumps(inventory))
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_CACHE_PLUGIN="memory", ANSIBLE_STDOUT_CALLBACK="ansible.builtin.json")
    run = subprocess.run([str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(tmp_path / "hosts.json"),
                          "playbooks/preflight.yml"], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=300, check=False)
    try:
        # The JSON document comes after the task timings ansible.cfg's profile_tasks prints.
        report = json.loads(run.stdout[run.stdout.index("{\n"):run.stdout.rindex("\n}") + 2])
    except ValueError as error:
        raise AssertionError(f"ansible-playbook gave no JSON report: {run.stderr}{run.stdout}") from error
    # A loop's failed items lose their "failed" key in the report: its failed items are those that
    # neither passed their assertion nor were skipped.
    return [{"stopped": run.returncode != 0 and report["stats"].get(host, {}).get("failures", 0) > 0,
             "messages": [" ".join(str(item.get("msg", "")).split())
                          for play in report["plays"] for task in play["tasks"]
                          for result in [task["hosts"].get(host)] if result and result.get("failed")
                          for item in (result.get("results") or [result])
                          if not (item.get("skipped") or item.get("msg") == "All assertions passed")]}
            for host in hosts]


@pytest.fixture(scope="module")
def bad_setting_failures(tmp_path_factory, ssh_key_pair) -> list[dict]:
    """BAD_SETTINGS, then the key lists of the two tests after it, in one preflight run."""
    public, private = ssh_key_pair
    kind, body, _ = public.split(" ", 2)
    keys = [public,
            f"{kind} {body[:12]}",        # cut short
            f"ssh-rsa {body} ops@test",   # a body of another type than the line says
            private]                      # the private half pasted by mistake
    cases = [values for values, _ in BAD_SETTINGS] + [{"site_deploy_ssh_keys": keys}, {"site_deploy_ssh_keys": public}]
    return preflight_at_once(tmp_path_factory.mktemp("preflight"), public, cases)


@pytest.mark.parametrize(("index", "message"), list(enumerate(message for _, message in BAD_SETTINGS)),
                         ids=[f"{i:02}-{message.split()[0].strip(':')}" for i, (_, message) in enumerate(BAD_SETTINGS)])
def test_a_bad_site_setting_stops_in_preflight_naming_it(bad_setting_failures, index, message):
    assert bad_setting_failures[index]["stopped"], bad_setting_failures[index]
    failures = bad_setting_failures[index]["messages"]
    # Only the wrong setting is reported.
    assert len(failures) == 1, failures
    assert message in failures[0], failures


def test_a_token_in_a_git_url_is_not_repeated_by_preflight(bad_setting_failures):
    index = next(i for i, (values, _) in enumerate(BAD_SETTINGS) if "glpat-made-up" in str(values))
    assert "glpat-made-up" not in " ".join(bad_setting_failures[index]["messages"])


def test_bad_ssh_keys_stop_in_preflight_naming_each(bad_setting_failures):
    assert bad_setting_failures[len(BAD_SETTINGS)]["stopped"], bad_setting_failures[len(BAD_SETTINGS)]
    failures = bad_setting_failures[len(BAD_SETTINGS)]["messages"]
    assert len(failures) == 1, failures
    assert "site_deploy_ssh_keys: key 2 (" in failures[0] and "key 3 (ssh-rsa" in failures[0], failures
    assert "key 4 (" in failures[0] and "private key" in failures[0], failures
    assert "key 1 (" not in failures[0], failures


def test_keys_given_as_one_string_stop_in_preflight(bad_setting_failures):
    assert bad_setting_failures[len(BAD_SETTINGS) + 1]["stopped"], bad_setting_failures[len(BAD_SETTINGS) + 1]
    failures = bad_setting_failures[len(BAD_SETTINGS) + 1]["messages"]
    assert len(failures) == 1, failures
    assert "site_deploy_ssh_keys must be a list of OpenSSH public key lines" in failures[0], failures
