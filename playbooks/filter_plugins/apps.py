"""The apps a site serves, described once in `apps:` (group_vars/all, or an inventory's group): each entry
names only what differs from `app_defaults`, and these filters merge and check the entries.

site_apps(apps, defaults, site_domains=(), only='') -> the entries merged over the defaults, every key filled;
  with `only` (a name, `-e app=NAME` on the command line) the one app of that name. Keys
  whose default follows from the app's name, with - as _: wsgi (<name>.wsgi:application), settings
  (<name>.settings), db_name and db_user (the name). An app without domains of its own answers to
  site_domains (a site of one app). A relative `bundle` (a folder on the controller) becomes
  absolute, relative to this repository (LocalLibrary's is django_app).
site_app_problems(apps, defaults, selection=None, deploy_user='deploy', host_python='', placeholders=()) -> what is
  wrong with the descriptions ([] when nothing is), each message naming the app and the key;
  playbooks/preflight.yml stops on them before any change. `selection` is what `app` holds: a name the run
  is limited to (`-e app=NAME`), which must be one of the apps, or the single mapping older
  inventories set, which became `apps`; `host_python` the version of a web host's python3 (major.minor), which an app's
  `python` (the oldest it runs on) must not be newer than; `placeholders` the patterns (site_placeholder_patterns)
  an example value matches, which an app's domains must not.

What the database host makes for the merged apps (group_vars/all hands these to the postgresql role):
site_app_databases(apps) -> [{name, owner}], one database per app, owned by its role.
site_app_db_users(apps, passwords) -> [{name, password?}], one login role per app; a role whose password
  `passwords` (role name -> password: the vault's, or the primary's for a standby) lacks has none, and
  the postgresql role generates it.
site_app_hba_clients(apps, networks) -> [{address, databases, users}], each network allowed each app's
  database as that app's role only.
site_app_fail2ban_jails(apps) -> [{name, journalmatch, failregex}], a jail for each app that logs a
  failed_login_log line, reading that app's service journal only.

group_vars/all hands the merged entry to the roles as `site_app`; tests/test_apps.py covers them all.
"""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
from pathlib import Path

# Names an app's system user may not take: the accounts the roles make or the systems ship.
_TAKEN_NAMES = {"root", "daemon", "bin", "sys", "nobody", "postgres", "www-data", "haproxy", "valkey", "redis",
                "postfix", "sshd", "systemd-network", "messagebus"}
_NAME = re.compile(r"^[a-z][a-z0-9-]{0,30}$")
_WSGI = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*:[A-Za-z_][A-Za-z0-9_]*$")
_PATH = re.compile(r"^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$")
# RFC 1123 host names, in lower case as certificates and nginx's server_name take them.
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_SQL_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_COOKIE = re.compile(r"^[A-Za-z0-9_.-]+$")
_RELATIVE = re.compile(r"^(?!/)(?!.*(^|/)\.\.(/|$))[A-Za-z0-9._/-]+$")
_MODULE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PACKAGE = re.compile(r"^[a-z0-9][a-z0-9+.-]+$")
_SIZE = re.compile(r"^[1-9][0-9]*[kKmMgG]?$")
# A header value nginx can carry in double quotes: one line, no quote, no brace or backslash.
_HEADER = re.compile(r'^[^"{}\\\r\n]*$')
_PYTHON = re.compile(r"^3\.[0-9]{1,2}$")
_GIT_URL = re.compile(r"^(https://|ssh://|git://|[A-Za-z0-9._-]+@[^:/]+:)[^\s]+$")
_GIT_SSH = re.compile(r"^(ssh://|[A-Za-z0-9._-]+@[^:/]+:)")
# A user, token or password before the host: https://token@, https://user:pass@, ssh://git:pass@.
_GIT_CREDENTIALS = re.compile(r"^(https?://[^/]*@|[a-z+]+://[^/@]*:[^/@]*@)")
_PRIVATE_KEY = re.compile(r"^-{5}BEGIN (OPENSSH |RSA |EC )?PRIVATE KEY-{5}\n[A-Za-z0-9+/=\n]+\n"
                          r"-{5}END (OPENSSH |RSA |EC )?PRIVATE KEY-{5}$")
_DERIVED = ("wsgi", "settings", "db_name", "db_user")
# This file is playbooks/filter_plugins/apps.py: a relative bundle is a folder of the repository.
_REPOSITORY = Path(__file__).resolve().parents[2]
# The key reader preflight uses for the deploy user's keys reads a pinned host key too.
_spec = importlib.util.spec_from_file_location("ssh_keys", Path(__file__).with_name("ssh_keys.py"))
_ssh_keys = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_ssh_keys)
# What the deploy writes into the app's environment from other values: an app's environment may
# not set them (the key to set instead, after each).
_DEPLOY_ENVIRONMENT = {"DJANGO_SETTINGS_MODULE": "settings", "DJANGO_SECRET_KEY": "vault_django_secret_key",
                       "DATABASE_URL": "db_name and db_user", "DJANGO_ALLOWED_HOSTS": "site_domains",
                       "DJANGO_CSRF_TRUSTED_ORIGINS": "site_domains", "DJANGO_STATIC_ROOT": "static_url",
                       "DJANGO_STATIC_MANIFEST_DIR": "static_url", "DJANGO_MEDIA_ROOT": "media_dir"}


def _derived(name: str) -> dict:
    # A Python package or a PostgreSQL name has no -: news-site's project package is news_site.
    package = name.replace("-", "_")
    return {"wsgi": f"{package}.wsgi:application", "settings": f"{package}.settings", "db_name": package, "db_user": package}


def _merged(app: dict, defaults: dict, site_domains=()) -> dict:
    merged = {**defaults, **_derived(str(app.get("name", ""))), **app}
    if not merged.get("domains"):
        merged["domains"] = list(site_domains or [])
    bundle = merged.get("bundle")
    if isinstance(bundle, str) and bundle and not os.path.isabs(bundle):
        merged["bundle"] = str(_REPOSITORY / bundle)
    return merged


def site_apps(apps, defaults, site_domains=(), only="") -> list:
    return [_merged(app, defaults, site_domains) for app in apps or [] if not only or app.get("name") == only]


def _label(index: int, app) -> str:
    name = app.get("name") if isinstance(app, dict) else None
    return f"apps[{index}]" + (f" ({name})" if isinstance(name, str) and name else "")


def _is_paths(value) -> bool:
    return isinstance(value, list) and all(isinstance(path, str) and _PATH.match(path) for path in value)


def _key_problems(key: str, value) -> str:
    """Why one merged value is not valid, or ''."""
    if key == "name":
        if not isinstance(value, str) or not _NAME.match(value):
            return ("must be a system user name: lower-case letters, digits and -, starting with a letter, "
                    f"at most 31 characters (got {value!r})")
        if value in _TAKEN_NAMES:
            return f"{value!r} is an account the system or another role uses: choose another name"
    elif key == "domains" and not (isinstance(value, list) and all(isinstance(name, str) and _HOST.match(name) for name in value)):
        return ("must be a list of host names, in lower case, without a scheme, port or path, like [news.example.org] "
                f"(got {value!r})")
    elif key == "wsgi" and not (isinstance(value, str) and _WSGI.match(value)):
        return f"must be the module and callable gunicorn serves, like project.wsgi:application (got {value!r})"
    elif key == "settings" and not (isinstance(value, str) and _MODULE.match(value)):
        return f"must be the settings module, like project.settings (got {value!r})"
    elif key == "environment":
        if not isinstance(value, dict) or not all(isinstance(name, str) and _ENV_NAME.match(name) for name in value):
            return f"must be a mapping of environment variable names to values (got {value!r})"
        taken = sorted(set(value) & set(_DEPLOY_ENVIRONMENT))
        if taken:
            return "may not set " + ", ".join(f"{name} (the deploy writes it from {_DEPLOY_ENVIRONMENT[name]})" for name in taken)
        nested = sorted(name for name, item in value.items() if isinstance(item, (dict, list)))
        if nested:
            return f"must give each variable one value, not a list or mapping: {', '.join(nested)}"
    elif key == "python" and not (value == "" or isinstance(value, str) and _PYTHON.match(value)):
        return f"must be the oldest Python the app runs on, like 3.12, or empty (got {value!r})"
    elif key == "health_path" and not (isinstance(value, str) and _PATH.match(value)):
        return f"must be a path starting with / (got {value!r})"
    elif key in ("static_url", "media_url") and not (isinstance(value, str) and _PATH.match(value) and value.endswith("/")):
        return f"must be a URL path that starts and ends with /, like /{key.split('_')[0]}/ (got {value!r})"
    elif key in ("check_paths", "login_paths") and not _is_paths(value):
        return f"must be a list of paths starting with / (got {value!r})"
    elif key == "personal_cookies" and not (isinstance(value, list) and all(isinstance(c, str) and _COOKIE.match(c) for c in value)):
        return f"must be a list of cookie names (got {value!r})"
    elif key in ("media_dir", "maintenance_page") and not (value == "" or isinstance(value, str) and _RELATIVE.match(value)):
        return f"must be a path relative to the app's folder, without .., or empty (got {value!r})"
    elif key == "packages" and not (isinstance(value, list) and all(isinstance(name, str) and _PACKAGE.match(name) for name in value)):
        return f"must be a list of the distribution's package names, like gettext or nodejs (got {value!r})"
    elif key == "build_commands" and not (isinstance(value, list) and all(isinstance(command, str) and command.strip() for command in value)):
        return f"must be a list of shell commands, none empty, like \"npm ci && npm run build\" (got {value!r})"
    elif key == "private_media_paths" and not (isinstance(value, list) and all(
            isinstance(path, str) and _RELATIVE.match(path) and path.endswith("/") for path in value)):
        return f"must be a list of folders under media_dir, relative and ending in /, like documents/ (got {value!r})"
    elif key == "upload_max_size" and not (isinstance(value, str) and _SIZE.match(value)):
        return f"must be an nginx size, like 10m or 500k (got {value!r})"
    elif key == "content_security_policy" and not (isinstance(value, str) and _HEADER.match(value)):
        return f"must be a Content-Security-Policy on one line without quotes (\") or braces, or empty (got {value!r})"
    elif key == "frame_options" and value not in ("DENY", "SAMEORIGIN", ""):
        return f"must be DENY, SAMEORIGIN, or empty for the app's own (got {value!r})"
    elif key == "anonymous_cache_seconds" and not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
        return f"must be a number of seconds, 0 for none (got {value!r})"
    elif key == "failed_login_log" and not (value == "" or isinstance(value, str) and "<HOST>" in value):
        return f"must be a fail2ban regex holding <HOST> where the client's address is, or empty (got {value!r})"
    elif key in ("db_name", "db_user") and not (isinstance(value, str) and _SQL_NAME.match(value)):
        return f"must be a PostgreSQL name: lower-case letters, digits and _, starting with a letter or _ (got {value!r})"
    return ""


def _known_hosts_problem(line: str) -> str:
    """What is wrong with a known_hosts line: an optional @marker, the host names, then a public key."""
    fields = line.split()
    if fields and fields[0].startswith("@"):
        fields = fields[1:]
    if len(fields) < 3:
        return "must be \"host key-type base64\", a line of known_hosts"
    return _ssh_keys.ssh_public_key_problem(" ".join(fields[1:]))


def _source_problems(app: dict) -> list:
    """(key, problem) for where the app's code comes from; a URL or key is never repeated in a message."""
    repo, bundle = app.get("git_repo"), app.get("bundle")
    if not isinstance(bundle, str):
        return [("bundle", f"must be a folder on the controller, or empty (got {bundle!r})")]
    if bundle and repo:
        return [("git_repo", "and bundle are both given: the code comes from one of them")]
    if not bundle and not repo:
        return [("git_repo", "or bundle must say where the code comes from: the app's git URL, or its folder on the "
                 "controller (relative to this repository, or absolute)")]
    if bundle:
        return [] if os.path.isdir(bundle) else [("bundle", f"{bundle} is not a folder on the controller")]
    version = app.get("git_version")
    key, hosts = app.get("git_deploy_key"), app.get("git_host_keys")
    if not isinstance(repo, str) or not _GIT_URL.match(repo):
        return [("git_repo", "must be an https://, ssh:// or user@host:path URL of the app's repository")]
    if _GIT_CREDENTIALS.match(repo):
        return [("git_repo", "carries credentials (a user, token or password before the host): they would stay on the "
                 "host and in logs; give the URL without them and let the host reach the repository over ssh:// "
                 "with git_deploy_key")]
    problems = []
    ssh = bool(_GIT_SSH.match(repo))
    if not isinstance(version, str) or not version.strip():
        problems.append(("git_version", f"must name a branch, tag or commit (got {version!r})"))
    if not isinstance(hosts, list) or not all(isinstance(line, str) for line in hosts):
        problems.append(("git_host_keys", "must be a list of known_hosts lines, \"host key-type base64\""))
    elif any(_known_hosts_problem(line) for line in hosts):
        number, problem = next((n, _known_hosts_problem(line)) for n, line in enumerate(hosts, 1) if _known_hosts_problem(line))
        problems.append(("git_host_keys", f"line {number}: {problem}"))
    elif ssh and not hosts:
        problems.append(("git_host_keys", "must pin the git server's host keys, since git_repo is reached over SSH: "
                         "`ssh-keyscan -t ed25519 HOST`, compared with the fingerprint the git provider publishes"))
    if key and not ssh:
        problems.append(("git_deploy_key", "is set, but git_repo is not an ssh:// or user@host:path URL: a deploy key "
                         "is used over SSH only"))
    elif key and not (isinstance(key, str) and _PRIVATE_KEY.match(key.strip())):
        problems.append(("git_deploy_key", "must be a whole private key without a passphrase, from its -----BEGIN "
                         "line to its -----END line (ssh-keygen -t ed25519 -N '' makes one)"))
    return problems


def _version(text: str) -> tuple:
    return tuple(int(part) for part in text.split(".")[:2])


def site_app_problems(apps, defaults, selection=None, deploy_user: str = "deploy", host_python: str = "",
                      placeholders=()) -> list:
    if selection is not None and not isinstance(selection, str):
        return ["app: (one app) became apps:, a list with one entry per app that names only what differs from "
                "app_defaults (README, \"Your own Django project\"): move your app's keys into "
                "apps: [{name: ..., ...}] and remove app: from the inventory."]
    if not isinstance(apps, list) or not apps or not all(isinstance(app, dict) for app in apps):
        return [f"apps must be a list of app descriptions, each a mapping with at least a name (got {apps!r})"]
    problems = []
    known = set(defaults) | set(_DERIVED) | {"name"}
    for index, app in enumerate(apps):
        label = _label(index, app)
        if "name" not in app:
            problems.append(f"{label}: name is missing (the app's system user, units, folder and database)")
            continue
        for key in sorted(set(app) - known):
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(f"{label}: unknown key {key}{hint}; the keys are those of app_defaults and "
                            f"{', '.join(('name',) + _DERIVED)}")
        merged = _merged(app, defaults)
        bad_name = _key_problems("name", app["name"])
        for key in ["name", *sorted(set(merged) - {"name"})]:
            # A bad name is reported once, not again in the values that follow from it.
            if key in known and not (bad_name and key in _DERIVED and key not in app):
                problem = _key_problems(key, merged[key])
                if problem:
                    problems.append(f"{label}: {key} {problem}")
        problems += [f"{label}: {key} {problem}" for key, problem in _source_problems(merged)]
        if merged.get("private_media_paths") and not merged.get("media_dir"):
            problems.append(f"{label}: private_media_paths are folders under media_dir, which is empty: set media_dir")
        needs = merged.get("python")
        if (host_python and isinstance(needs, str) and _PYTHON.match(needs)
                and _version(needs) > _version(host_python)):
            problems.append(f"{label}: python {needs} is the oldest Python the app runs on, and this host's python3 is "
                            f"{host_python}: run the app on a system whose Python is {needs} or newer")
        # The inventory's example of a second app (commented out) names example hosts: copied as it is,
        # the site would ask a certificate authority for names that are not the user's.
        domains = app.get("domains") if isinstance(app.get("domains"), list) else []
        examples = [domain for domain in domains
                    if isinstance(domain, str) and any(re.search(pattern, domain) for pattern in placeholders)]
        if examples:
            problems.append(f"{label}: domains still holds the example's {', '.join(examples)}: "
                            "put the host names of your app in the inventory")
        if app["name"] == deploy_user:
            problems.append(f"{label}: name {app['name']!r} is site_deploy_user's account: choose another name")
    # A host name is one app's: nginx would serve it with whichever site it read first.
    if len(apps) > 1:
        problems += [f"{_label(index, app)}: domains must name the host names this app answers to: with more than one "
                     "app, site_domains cannot say whose they are" for index, app in enumerate(apps) if not app.get("domains")]
        owners = {}
        for app in apps:
            domains = app.get("domains") if isinstance(app.get("domains"), list) else []
            for domain in dict.fromkeys(domains):
                owners.setdefault(domain, []).append(str(app.get("name")))
        problems += [f"apps: {domain} is claimed by {' and '.join(claimants)}; a host name belongs to one app"
                     for domain, claimants in owners.items() if len(claimants) > 1]
    names = [entry.get("name") for entry in apps]
    if selection is not None and selection not in names:
        problems.append(f"app {selection!r} (-e app=NAME) is none of the apps: {', '.join(map(str, names))}")
    for name in sorted({name for name in names if isinstance(name, str) and names.count(name) > 1}):
        problems.append(f"apps: {names.count(name)} apps are named {name!r}; each app needs a name of its own")
    # Each app's database and role are its own: a shared role could read the other app's tables. (Apps
    # sharing a name share the names that follow from it: reported once, above.)
    merged = [_merged(entry, defaults) for entry in apps if isinstance(entry.get("name"), str) and names.count(entry["name"]) == 1]
    for key in ("db_name", "db_user"):
        values = [entry.get(key) for entry in merged]
        for value in sorted({value for value in values if isinstance(value, str) and values.count(value) > 1}):
            problems.append(f"apps: {values.count(value)} apps have the {key} {value!r}; each app needs a database "
                            "and role of its own")
    return problems


def site_app_databases(apps) -> list:
    return [{"name": app["db_name"], "owner": app["db_user"]} for app in apps]


def site_app_db_users(apps, passwords) -> list:
    users = dict.fromkeys(app["db_user"] for app in apps)
    return [{"name": user, **({"password": passwords[user]} if user in (passwords or {}) else {})} for user in users]


def site_app_hba_clients(apps, networks) -> list:
    return [{"address": network, "databases": app["db_name"], "users": app["db_user"]}
            for network in networks for app in apps]


def site_app_fail2ban_jails(apps) -> list:
    return [{"name": f"{app['name']}-login", "journalmatch": f"_SYSTEMD_UNIT={app['name']}.service",
             "failregex": "^%(__prefix_line)s" + app["failed_login_log"]} for app in apps if app["failed_login_log"]]


def site_app_balancer_sites(apps) -> list:
    """The balancer's sites (the haproxy role's haproxy_sites): one per app, by its names and health path."""
    return [{"name": app["name"], "server_names": app["domains"], "health_path": app["health_path"]} for app in apps]


class FilterModule:
    def filters(self):
        return {"site_apps": site_apps, "site_app_problems": site_app_problems, "site_app_databases": site_app_databases,
                "site_app_db_users": site_app_db_users, "site_app_hba_clients": site_app_hba_clients,
                "site_app_fail2ban_jails": site_app_fail2ban_jails, "site_app_balancer_sites": site_app_balancer_sites}
