"""Bad input fails before any task changes the host, and the error names the variable.

Each case applies a role to the controller in check mode. Argument specs reject the input in
the role's first (automatic) task; checks a spec cannot express live in the role's validate step.
"""

from __future__ import annotations

import secrets
import subprocess
from pathlib import Path

import pytest
from conftest import apply_roles_at_once

REPO = Path(__file__).resolve().parent.parent

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEo0rSbKqdkVgqY1EQ2yPm7kQlkt7HrVGNg7jYzxJm2a test"

# An off-host repository that passes every check; each case below breaks one thing.
S3 = {"postgresql_backup_s3_enabled": True, "postgresql_backup_s3_endpoint": "https://objects.example.net:8333",
      "postgresql_backup_s3_bucket": "backups", "postgresql_backup_s3_key": "AKEXAMPLE",
      "postgresql_backup_s3_key_secret": "secret-made-up-for-the-test",
      "postgresql_backup_s3_cipher_pass": "a-passphrase-long-enough-for-the-test"}
# The same for the files backup.
FILES = {"files_backup_paths": ["/srv/library/shared/media"], "files_backup_s3_endpoint": "https://objects.example.net",
         "files_backup_s3_bucket": "backups", "files_backup_s3_key": "AKEXAMPLE",
         "files_backup_s3_key_secret": "secret-made-up-for-the-test", "files_backup_password": "a-passphrase-long-enough-for-the-test"}

# The django role's required values, passing; each case below breaks one thing.
DJANGO = {"django_domains": ["library.example.org"], "django_bundle_path": "/srv/code", "django_db_socket_dir": "/run/postgresql"}

# The web hosts a balancer balances, passing.
WEB_HOSTS = [{"name": "web1", "address": "10.0.0.11"}, {"name": "web2", "address": "10.0.0.12"}]

# A broker password that passes, made now.
VALKEY = {"valkey_password": secrets.token_urlsafe(32)}

SPEC_CASES = [
    ("valkey", {**VALKEY, "valkey_maxmemory_policy": "lru"}, "valkey_maxmemory_policy"),
    ("valkey", {**VALKEY, "valkey_port": "redis"}, "valkey_port"),
    # role, variables, name the error must contain
    ("base", {"base_unattended_upgrades_enabled": "sometimes"}, "base_unattended_upgrades_enabled"),
    ("base", {"base_apt_cache_valid_time": "soon"}, "base_apt_cache_valid_time"),
    ("base", {"base_ca_certificates": [{"name": "corp"}]}, "base_ca_certificates"),
    ("base", {"base_ca_certificates": [{"content": "PEM", "src": "x.crt", "name": "c"}]}, "base_ca_certificates"),
    ("hardening", {"hardening_shell_timeout": "soon"}, "hardening_shell_timeout"),
    ("hardening", {"hardening_sysctls": ["kernel.sysrq=0"]}, "hardening_sysctls"),
    ("hardening", {"hardening_rootkit_scan_enabled": "daily"}, "hardening_rootkit_scan_enabled"),
    ("mail", {"mail_relay_security": "ssl"}, "mail_relay_security"),
    ("alerts", {"alerts_job_status_files": [{"name": "backup", "max_age_hours": 26}]}, "path"),
    ("users", {"users_accounts": [{"ssh_keys": [KEY]}]}, "users_accounts"),
    ("users", {"users_accounts": [{"name": "deploy"}]}, "ssh_keys"),
    ("users", {"users_accounts": [{"name": "deploy", "ssh_keys": [KEY], "state": "gone"}]}, "state"),
    ("users", {"users_accounts": [{"name": "deploy", "ssh_keys": [KEY], "sudo": "perhaps"}]}, "sudo"),
    ("sshd", {"sshd_port": "twenty-two"}, "sshd_port"),
    ("sshd", {"sshd_permit_root_login": "yes"}, "sshd_permit_root_login"),
    ("sshd", {"sshd_host_key_types": ["dsa"]}, "sshd_host_key_types"),
    ("sshd", {"sshd_x11_forwarding": "sometimes"}, "sshd_x11_forwarding"),
    ("firewall", {"firewall_allowed_ports": [{"proto": "tcp"}]}, "port"),
    ("firewall", {"firewall_allowed_ports": [{"port": "80", "proto": "icmp"}]}, "proto"),
    ("firewall", {"firewall_logging": "loud"}, "firewall_logging"),
    ("firewall", {"firewall_fail2ban_maxretry": "many"}, "firewall_fail2ban_maxretry"),
    ("postgresql", {"postgresql_backup_local_retention_full": "weekly"}, "postgresql_backup_local_retention_full"),
    ("postgresql", {"postgresql_backup_archive_queue_max_mb": "4GiB"}, "postgresql_backup_archive_queue_max_mb"),
    ("postgresql", {"postgresql_backup_s3_uri_style": "virtual"}, "postgresql_backup_s3_uri_style"),
    ("postgresql", {"postgresql_databases": [{"owner": "library"}]}, "postgresql_databases"),
    ("postgresql", {"postgresql_users": [{"name": "library", "conn_limit": "lots"}]}, "conn_limit"),
    ("postgresql", {"postgresql_hba_clients": [{"databases": "library"}]}, "address"),
    ("files_backup", {**FILES, "files_backup_s3_uri_style": "virtual"}, "files_backup_s3_uri_style"),
    ("files_backup", {**FILES, "files_backup_keep_daily": "weekly"}, "files_backup_keep_daily"),
    ("nginx", {"nginx_server_names": ["library.example.org"], "nginx_hsts_max_age": "two years"},
     "nginx_hsts_max_age"),
    ("nginx", {"nginx_server_names": ["library.example.org"], "nginx_frame_options": "ALLOW"}, "nginx_frame_options"),
    ("nginx", {"nginx_server_names": ["library.example.org"], "nginx_hsts_enabled": "perhaps"}, "nginx_hsts_enabled"),
    ("certbot", {"certbot_staging": "sometimes"}, "certbot_staging"),
    ("certbot", {"certbot_domains": "library.example.org", "certbot_enabled": "yes please"}, "certbot_enabled"),
    ("certbot", {"certbot_domains": {"library.example.org": True}}, "certbot_domains"),
    ("haproxy", {"haproxy_sites": [{"server_names": ["news.example.org"]}], "haproxy_backends": WEB_HOSTS}, "name"),
    ("django", {**DJANGO, "django_source": "ftp"}, "django_source"),
    ("django", {**DJANGO, "django_releases_keep": "many"}, "django_releases_keep"),
    ("django", {**DJANGO, "django_gunicorn_workers": "auto"},
     "django_gunicorn_workers"),
]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> list[dict]:
    """Every case below, applied in one ansible-playbook run: SPEC_CASES first, then CHECK_CASES
    (the validate step needs facts, the argument spec does not)."""
    cases = [(role, variables, False) for role, variables, _ in SPEC_CASES]
    cases += [(role, variables, True) for role, variables, _ in CHECK_CASES]
    return apply_roles_at_once(cases, tmp_path_factory.mktemp("cases"))


@pytest.mark.parametrize(("index", "named"), [(i, c[2]) for i, c in enumerate(SPEC_CASES)],
                         ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(SPEC_CASES)])
def test_argument_spec_rejects(outcomes, index, named):
    result = outcomes[index]
    assert result["failed"], result["text"]
    assert "Validation of arguments failed" in result["text"], result["text"]
    assert named in result["text"], result["text"]
    # The validation task is the only one that ran: nothing reached the host.
    assert result["changed"] == 0, result["text"]


CHECK_CASES = [
    ("valkey", {}, "valkey_password"),
    ("valkey", {"valkey_password": secrets.token_hex(15)}, "valkey_password"),
    ("valkey", {"valkey_password": " ".join(secrets.token_hex(4) for _ in range(8))}, "valkey_password"),
    ("valkey", {**VALKEY, "valkey_bind_addresses": ["eth0"]}, "valkey_bind_addresses"),
    ("valkey", {**VALKEY, "valkey_port": 70000}, "valkey_port"),
    ("valkey", {**VALKEY, "valkey_maxmemory": "128"}, "valkey_maxmemory"),
    ("base", {"base_timezone": "Mars/Olympus Mons"}, "base_timezone"),
    ("base", {"base_unattended_upgrades_reboot_time": "25:99"}, "base_unattended_upgrades_reboot_time"),
    ("hardening", {"hardening_umask": "0999"}, "hardening_umask"),
    ("hardening", {"hardening_sha_crypt_rounds": 1000}, "hardening_sha_crypt_rounds"),
    ("hardening", {"hardening_blacklisted_modules": ["usb-storage; rm -rf /"]}, "hardening_blacklisted_modules"),
    ("hardening", {"hardening_sysctl_overrides": {"not a key": 1}}, "hardening_sysctl_overrides"),
    ("users", {"users_accounts": [{"name": "deploy", "ssh_keys": ["not a key"]}]}, "ssh_keys"),
    ("users", {"users_accounts": [{"name": "root", "ssh_keys": [KEY]}]}, "root"),
    # Keys are read, not matched: cut short, a body of another type, a private key pasted by mistake.
    ("users", {"users_accounts": [{"name": "deploy", "ssh_keys": ["ssh-ed25519 AAAAC3Nza"]}]}, "not valid base64"),
    ("users", {"users_accounts": [{"name": "deploy", "ssh_keys": [KEY[:60]]}]}, "cut short"),
    ("users", {"users_accounts": [{"name": "deploy", "ssh_keys": ["ssh-rsa " + KEY.split()[1]]}]},
     "says ssh-rsa but its body holds a ssh-ed25519 key"),
    ("sshd", {"sshd_port": 70000}, "sshd_port"),
    ("firewall", {"firewall_allowed_ports": [{"port": "http"}]}, "firewall_allowed_ports"),
    ("postgresql", {"postgresql_databases": [{"name": "library; DROP"}]}, "postgresql_databases"),
    ("postgresql", {"postgresql_backup_local_retention_full": 0}, "postgresql_backup_local_retention_full"),
    ("postgresql", {**S3, "postgresql_backup_s3_retention_full": -3}, "postgresql_backup_s3_retention_full"),
    ("postgresql", {**S3, "postgresql_backup_s3_cipher_pass": ""}, "postgresql_backup_s3_cipher_pass"),
    ("postgresql", {**S3, "postgresql_backup_s3_bucket": ""}, "postgresql_backup_s3_bucket"),
    ("postgresql", {**S3, "postgresql_backup_s3_key_secret": ""}, "postgresql_backup_s3_key_secret"),
    ("postgresql", {**S3, "postgresql_backup_s3_endpoint": "objects.example.net"}, "postgresql_backup_s3_endpoint"),
    ("postgresql", {"postgresql_backup_local_enabled": False}, "postgresql_backup_local_enabled"),
    ("postgresql", {"postgresql_backup_archive_queue_max_mb": 16}, "postgresql_backup_archive_queue_max_mb must be at least 64"),
    ("postgresql", {"postgresql_backup_io_timeout": 0}, "postgresql_backup_io_timeout must be at least 1"),
    ("files_backup", {**FILES, "files_backup_password": "short"}, "files_backup_password"),
    ("files_backup", {**FILES, "files_backup_s3_endpoint": "objects.example.net"}, "files_backup_s3_endpoint"),
    ("files_backup", {**FILES, "files_backup_s3_bucket": ""}, "files_backup_s3_bucket"),
    ("files_backup", {**FILES, "files_backup_s3_key": ""}, "files_backup_s3_key"),
    ("files_backup", {**FILES, "files_backup_keep_monthly": 0}, "files_backup_keep_monthly"),
    ("files_backup", {**FILES, "files_backup_paths": ["uploads"]}, "files_backup_paths"),
    ("files_backup", {**FILES, "files_backup_time_limit": "forever"}, "files_backup_time_limit"),
    ("files_backup", {**FILES, "files_backup_restore_test_read_data": "0%"}, "files_backup_restore_test_read_data"),
    ("postgresql", {"postgresql_users": [{"name": "library", "password": "short"}]}, "password"),
    ("nginx", {"nginx_server_names": ["https://library.example.org/"]}, "nginx_server_names"),
    ("nginx", {"nginx_server_names": []}, "nginx_server_names"),
    ("nginx", {"nginx_server_names": ["library.example.org"], "nginx_https_public_port": 0}, "nginx_https_public_port"),
    ("nginx", {"nginx_server_names": ["library.example.org"], "nginx_maintenance_page": "maintenance.html"},
     "nginx_maintenance_page"),
    ("nginx", {"nginx_server_names": ["library.example.org"], "nginx_microcache_seconds": -1}, "nginx_microcache_seconds"),
    ("nginx", {"nginx_server_names": ["library.example.org"], "nginx_microcache_bypass_cookies": ["session id|.*"]},
     "nginx_microcache_bypass_cookies"),
    ("mail", {"mail_relay_port": 70000}, "mail_relay_port"),
    ("mail", {"mail_from": "library.example.org"}, "mail_from"),
    ("mail", {"mail_admin_recipients": ["ops at example.org"]}, "mail_admin_recipients"),
    ("mail", {"mail_relay_host": "smtp.example.net", "mail_relay_user": "library"}, "mail_relay_password"),
    ("alerts", {"alerts_disk_threshold": 101}, "alerts_disk_threshold"),
    ("alerts", {"alerts_mail_to": "ops at example.org"}, "alerts_mail_to"),
    ("alerts", {"alerts_certificate_days": 0}, "alerts_certificate_days"),
    ("alerts", {"alerts_job_status_files": [{"name": "backup", "path": "/var/lib/b.json", "max_age_hours": 0}]},
     "alerts_job_status_files"),
    ("certbot", {"certbot_email": "not-an-email", "certbot_domains": ["library.example.org"]}, "certbot_email"),
    ("certbot", {"certbot_email": "ops@example.org", "certbot_domains": []}, "certbot_domains"),
    ("certbot", {"certbot_email": "ops@example.org", "certbot_domains": ["https://x/"]}, "certbot_domains"),
    # Two sites claiming one name: HAProxy would send it to the first one only.
    ("haproxy", {"haproxy_sites": [{"name": "news", "server_names": ["news.example.org"]},
                                   {"name": "shop", "server_names": ["shop.example.org", "news.example.org"]}],
                 "haproxy_backends": WEB_HOSTS}, "none in two sites"),
    ("django", {**DJANGO, "django_releases_keep": 1}, "django_releases_keep"),
    ("django", {**DJANGO, "django_gunicorn_workers": 0}, "django_gunicorn_workers"),
    ("django", {**DJANGO, "django_memory_max": "lots"}, "django_memory_max"),
    ("django", {**DJANGO, "django_gunicorn_threads": 0}, "django_gunicorn_threads"),
    ("django", {**DJANGO, "django_domains": []}, "django_domains"),
    ("django", {**DJANGO, "django_bundle_path": ""}, "django_bundle_path must be the absolute folder"),
    ("django", {**DJANGO, "django_db_socket_dir": ""}, "django_db_socket_dir must name the socket's folder"),
    ("django", {**DJANGO, "django_source": "git",
                "django_git_repo": "/srv/code"}, "django_git_repo"),
    ("django", {**DJANGO, "django_source": "git",
                "django_git_repo": "https://oauth2:glpat-made-up@git.example.org/team/news.git"}, "django_git_repo carries credentials"),
    ("django", {**DJANGO, "django_source": "git",
                "django_git_repo": "ssh://git:secret@git.example.org/team/news.git"}, "django_git_repo carries credentials"),
    # Over SSH only pinned host keys are trusted, and a deploy key must be a private key.
    ("django", {**DJANGO, "django_source": "git",
                "django_git_repo": "git@git.example.org:team/news.git"}, "django_git_host_keys must pin"),
    ("django", {**DJANGO, "django_source": "git",
                "django_git_repo": "ssh://git@git.example.org/team/news.git", "django_git_host_keys": ["git.example.org"]},
     "1 not of that form"),
    ("django", {**DJANGO, "django_source": "git",
                "django_git_repo": "https://git.example.org/team/news.git", "django_git_deploy_key": "made-up"},
     "a deploy key is used over SSH only"),
    ("django", {**DJANGO, "django_source": "git",
                "django_git_repo": "ssh://git@git.example.org/team/news.git", "django_git_host_keys": [f"git.example.org {KEY}"],
                "django_git_deploy_key": KEY}, "django_git_deploy_key must be a whole private key"),
]


@pytest.mark.parametrize(("index", "named"), [(len(SPEC_CASES) + i, c[2]) for i, c in enumerate(CHECK_CASES)],
                         ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CHECK_CASES)])
def test_validate_step_rejects(outcomes, index, named):
    result = outcomes[index]
    assert result["failed"], result["text"]
    assert named in result["text"], result["text"]
    assert result["changed"] == 0, result["text"]


def make_keys(folder: Path) -> dict[str, Path]:
    """Key pairs of every type sshd takes, made at test time; never committed."""
    made = {}
    for kind, size in (("ed25519", []), ("rsa", ["-b", "3072"]), ("ecdsa", ["-b", "384"])):
        subprocess.run(["ssh-keygen", "-q", "-t", kind, *size, "-N", "", "-C", f"{kind}@test", "-f", str(folder / kind)],
                       check=True)
        made[kind] = folder / kind
    return made


def test_a_private_key_pasted_by_mistake_is_refused(apply_role, tmp_path):
    private = make_keys(tmp_path)["ed25519"].read_text()
    result = apply_role("users", {"users_accounts": [{"name": "deploy", "ssh_keys": [private]}]}, gather_facts=True)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "this is a private key" in out, out
    assert "changed=0" in out, out


def test_valid_keys_of_every_type_pass_the_users_checks(run_play, tmp_path):
    """The key reader must accept what ssh-keygen makes, not only refuse what it does not."""
    keys = [path.with_suffix(".pub").read_text().strip() for path in make_keys(tmp_path).values()]
    result = run_play({
        "gather_facts": False,
        "tasks": [{"ansible.builtin.include_vars": str(REPO / "roles/users/vars/Debian.yml")},
                  {"ansible.builtin.include_role": {"name": "users", "tasks_from": "validate"},
                   # An account to remove has no keys to check.
                   "vars": {"users_accounts": [{"name": "deploy", "ssh_keys": keys},
                                               {"name": "departed", "state": "absent"}]}}]})
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "failed=0" in out, out


def test_a_git_url_with_credentials_is_refused_without_repeating_them(outcomes):
    index = len(SPEC_CASES) + next(i for i, (_, variables, _) in enumerate(CHECK_CASES)
                                   if "glpat-made-up" in variables.get("django_git_repo", ""))
    assert outcomes[index]["failed"], outcomes[index]["text"]
    assert "glpat-made-up" not in outcomes[index]["text"], outcomes[index]["text"]


def test_a_bad_deploy_key_is_refused_without_repeating_it(outcomes):
    index = len(SPEC_CASES) + next(i for i, (_, variables, _) in enumerate(CHECK_CASES)
                                   if variables.get("django_git_deploy_key") == KEY)
    assert outcomes[index]["failed"], outcomes[index]["text"]
    assert KEY.split()[1] not in outcomes[index]["text"], outcomes[index]["text"]
