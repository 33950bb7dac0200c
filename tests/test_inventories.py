"""Every playbook sees the project defaults in group_vars/all/, and an inventory's own values win."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def settings(inventory: str, extra: dict | None = None) -> dict:
    env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.posix.json", ANSIBLE_NOCOLOR="1")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "ansible-playbook"), "-i", inventory, "playbooks/show-settings.yml",
         "-e", json.dumps(extra or {})],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    # The JSON document is followed by the task timing summary ansible.cfg enables.
    document = result.stdout[result.stdout.index("{\n"):result.stdout.rindex("\n}") + 2]
    tasks = json.loads(document)["plays"][0]["tasks"]
    return {host: res["msg"] for host, res in tasks[0]["hosts"].items()}


@pytest.mark.parametrize(("inventory", "host", "domains", "certbot"), [
    ("inventory/production", "vps1", ["library.example.org"], True),
    ("inventory/demo", "demo-vps", ["localhost"], False),
])
def test_inventory_values_win_over_project_defaults(inventory, host, domains, certbot):
    values = settings(inventory)[host]
    # From the inventory's own group, overriding group_vars/all (site_domains: [], certbot_enabled: true).
    assert values["site_domains"] == domains
    assert values["certbot_enabled"] is certbot
    # From the project defaults, which the inventory does not set.
    assert values["sshd_allow_groups"] == ["sshusers"]
    assert values["site_deploy_user"] == "deploy"
    # Derived role variables follow the inventory's values.
    assert values["nginx_server_names"] == domains
    # LocalLibrary's code is the repository's own folder, whatever folder the playbook runs from.
    assert values["app_source"] == str(REPO / "django_app")
    assert {"web", "db"} <= set(values["groups"])


def test_one_object_store_setting_feeds_both_backups():
    # Without an object store the database is backed up on its host only and no files are.
    values = settings("inventory/production")["vps1"]
    assert (values["backups_off_host"], values["postgresql_backup_s3_path"], values["files_backup_paths"]) == ("none", "", [])
    # The site-level endpoint turns on the database's off-host repository in the app's folder of the
    # bucket; the bundled app keeps no uploads, an app with a media folder gets it backed up too.
    values = settings("inventory/production", {"site_backup_s3_endpoint": "https://objects.example.net"})["vps1"]
    assert values["postgresql_backup_s3_path"] == "/pgbackrest/locallibrary"
    assert values["files_backup_paths"] == []
    # An app described by what differs from app_defaults: the rest is merged in.
    apps = [{"name": "catalog", "media_dir": "media"}]
    values = settings("inventory/production", {"site_backup_s3_endpoint": "https://objects.example.net", "apps": apps})["vps1"]
    assert values["postgresql_backup_s3_path"] == "/pgbackrest/catalog"
    assert values["files_backup_paths"] == ["/srv/catalog/shared/media"]
    # Two apps: the uploads of both in one repository, named by site_backup_name, whichever app comes first.
    apps = [{"name": "shop", "media_dir": "media", "domains": ["shop.test"]}, {**apps[0], "domains": ["catalog.test"]}]
    values = settings("inventory/production", {"site_backup_s3_endpoint": "https://objects.example.net", "apps": apps,
                                               "site_backup_name": "catalog"})["vps1"]
    assert (values["postgresql_backup_s3_path"], values["files_backup_s3_path"]) == ("/pgbackrest/catalog", "/restic/catalog")
    assert values["files_backup_paths"] == ["/srv/shop/shared/media", "/srv/catalog/shared/media"]


def test_an_apps_environment_comes_beside_the_sites_mail_settings():
    apps = [{"name": "catalog", "environment": {"SENTRY_DSN": "https://sentry.example.net/1", "DJANGO_EMAIL_PORT": "2525"}}]
    values = settings("inventory/production", {"apps": apps})["vps1"]
    assert values["app"] == "catalog"
    assert values["app_environment"] == ["DJANGO_ADMINS", "DJANGO_DEFAULT_FROM_EMAIL", "DJANGO_EMAIL_HOST", "DJANGO_EMAIL_PORT",
                                         "DJANGO_EMAIL_USE_TLS", "DJANGO_SERVER_EMAIL", "SENTRY_DSN"]


def test_bare_ansible_playbook_uses_the_demo_inventory():
    env = dict(os.environ, ANSIBLE_NOCOLOR="1")
    result = subprocess.run([str(Path(sys.executable).parent / "ansible-inventory"), "--list"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    hosts = json.loads(result.stdout)["_meta"]["hostvars"]
    assert list(hosts) == ["demo-vps"]
