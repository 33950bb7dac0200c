"""The apps' descriptions: merged over app_defaults (group_vars/all) and checked, by
playbooks/filter_plugins/apps.py, which group_vars/all and preflight use. Preflight's own run over bad
descriptions is in tests/test_preflight.py."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("apps", REPO / "playbooks/filter_plugins/apps.py")
apps_filter = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(apps_filter)

GROUP_VARS = yaml.safe_load((REPO / "group_vars/all/main.yml").read_text())
DEFAULTS = GROUP_VARS["app_defaults"]
# Where a made-up app's code comes from, when a test is about something else.
NEWS_CODE = {"git_repo": "https://git.example.org/team/news.git"}
# A git server's pinned host key, as known_hosts holds it (a public key).
HOST_KEY = "git.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEo0rSbKqdkVgqY1EQ2yPm7kQlkt7HrVGNg7jYzxJm2a"


@pytest.fixture(scope="module")
def deploy_key(tmp_path_factory) -> str:
    """A deploy key made now, never committed."""
    path = tmp_path_factory.mktemp("keys") / "deploy"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "deploy@test", "-f", str(path)], check=True)
    return path.read_text()


def test_the_bundled_app_is_what_locallibrary_needs():
    """LocalLibrary's entry names only what differs; merged, it is the whole description the roles read."""
    [app] = apps_filter.site_apps(GROUP_VARS["apps"], DEFAULTS)
    assert app == {
        "name": "locallibrary", "wsgi": "locallibrary.wsgi:application", "settings": "locallibrary.settings",
        "domains": [], "bundle": str(REPO / "django_app"), "git_repo": "", "git_version": "main", "git_deploy_key": "", "git_host_keys": [],
        "environment": {}, "packages": [], "build_commands": [], "python": "3.11", "health_path": "/healthz",
        "check_paths": ["/catalog/"], "static_url": "/static/", "media_dir": "", "media_url": "/media/",
        "private_media_paths": [], "upload_max_size": "10m", "frame_options": "DENY",
        "content_security_policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        "maintenance_page": "catalog/maintenance.html",
        "login_paths": ["/accounts/login/", "/admin/login/", "/accounts/password_reset/"],
        "personal_cookies": ["sessionid", "csrftoken", "messages"], "anonymous_cache_seconds": 1,
        "failed_login_log": "WARNING catalog\\.auth: failed login from <HOST> for ",
        "db_name": "library", "db_user": "library"}
    assert apps_filter.site_app_problems(GROUP_VARS["apps"], DEFAULTS) == []


def test_a_description_that_gives_only_a_name_and_its_code_gets_every_default():
    [app] = apps_filter.site_apps([{"name": "news-site", **NEWS_CODE}], DEFAULTS)
    assert (app["wsgi"], app["settings"]) == ("news_site.wsgi:application", "news_site.settings")
    assert (app["db_name"], app["db_user"]) == ("news_site", "news_site")
    assert apps_filter.site_app_problems([{"name": "news-site", **NEWS_CODE}], DEFAULTS) == []
    assert app["check_paths"] == ["/"] and app["anonymous_cache_seconds"] == 0 and app["failed_login_log"] == ""
    # Keys it gives win over the defaults and over those that follow from its name.
    [app] = apps_filter.site_apps([{"name": "news", "wsgi": "config.wsgi:application", "media_dir": "media"}], DEFAULTS)
    assert (app["wsgi"], app["media_dir"], app["static_url"]) == ("config.wsgi:application", "media", "/static/")
    assert apps_filter.site_app_problems([{"name": "news", "wsgi": "config.wsgi:application", **NEWS_CODE}], DEFAULTS) == []


def test_an_app_answers_to_its_own_domains_or_else_the_sites():
    [app] = apps_filter.site_apps([{"name": "news", **NEWS_CODE}], DEFAULTS, ["news.test", "www.news.test"])
    assert app["domains"] == ["news.test", "www.news.test"]
    [app] = apps_filter.site_apps([{"name": "news", "domains": ["news.test"], **NEWS_CODE}], DEFAULTS, ["library.test"])
    assert app["domains"] == ["news.test"]


def test_a_host_name_belongs_to_one_app():
    news = {"name": "news", "git_repo": "https://git.example.org/news.git"}
    shop = {"name": "shop", "git_repo": "https://git.example.org/shop.git"}
    problems = apps_filter.site_app_problems([{**news, "domains": ["news.test", "shop.test"]},
                                              {**shop, "domains": ["shop.test"]}], DEFAULTS)
    assert problems == ["apps: shop.test is claimed by news and shop; a host name belongs to one app"]
    # A name an app lists twice is still that one app's.
    problems = apps_filter.site_app_problems([{**news, "domains": ["news.test", "news.test"]},
                                              {**shop, "domains": ["shop.test"]}], DEFAULTS)
    assert not [problem for problem in problems if "claimed" in problem], problems
    # With two apps, the site's domains cannot say whose they are.
    [problem] = apps_filter.site_app_problems([news, {**shop, "domains": ["shop.test"]}], DEFAULTS)
    assert problem.startswith("apps[0] (news): domains must name the host names this app answers to"), problem


def test_an_apps_example_host_names_stop_it_as_the_sites_do():
    # The production inventory's commented-out second app names example.org hosts.
    patterns = GROUP_VARS["site_placeholder_patterns"]
    shop = {"name": "shop", "git_repo": "https://git.example.org/team/shop.git"}
    [problem] = apps_filter.site_app_problems([{**shop, "domains": ["shop.test", "shop.example.org"]}], DEFAULTS,
                                              placeholders=patterns)
    assert problem == ("apps[0] (shop): domains still holds the example's shop.example.org: "
                       "put the host names of your app in the inventory")
    assert apps_filter.site_app_problems([{**shop, "domains": ["shop.example.org.uk"]}], DEFAULTS,
                                         placeholders=patterns) == []


def test_the_code_comes_from_one_source_the_controller_can_reach(tmp_path):
    # A bundle is a folder on the controller: relative to the repository, or absolute.
    [app] = apps_filter.site_apps([{"name": "news", "bundle": str(tmp_path)}], DEFAULTS)
    assert app["bundle"] == str(tmp_path)
    assert apps_filter.site_app_problems([{"name": "news", "bundle": str(tmp_path)}], DEFAULTS) == []
    for apps, problem in [
        ([{"name": "news"}], "apps[0] (news): git_repo or bundle must say where the code comes from"),
        ([{"name": "news", "bundle": "django_app", **NEWS_CODE}], "apps[0] (news): git_repo and bundle are both given"),
        ([{"name": "news", "bundle": str(tmp_path / "missing")}], f"apps[0] (news): bundle {tmp_path / 'missing'} is not a folder"),
    ]:
        [found] = apps_filter.site_app_problems(apps, DEFAULTS)
        assert found.startswith(problem), found


@pytest.mark.parametrize(("apps", "problem"), [
    ([{"name": "news", "heath_path": "/ok"}], "apps[0] (news): unknown key heath_path (did you mean health_path?)"),
    ([{"wsgi": "news.wsgi:application"}], "apps[0]: name is missing"),
    ([{"name": "News Site"}], "apps[0] (News Site): name must be a system user name"),
    ([{"name": "postgres"}], "apps[0] (postgres): name 'postgres' is an account the system or another role uses"),
    ([{"name": "deploy"}], "apps[0] (deploy): name 'deploy' is site_deploy_user's account"),
    ([{"name": "news", "domains": ["https://news.test"]}], "apps[0] (news): domains must be a list of host names"),
    ([{"name": "news", "domains": "news.test"}], "apps[0] (news): domains must be a list of host names"),
    ([{"name": "news", "wsgi": "news/wsgi.py"}], "apps[0] (news): wsgi must be the module and callable"),
    ([{"name": "news", "health_path": "healthz"}], "apps[0] (news): health_path must be a path starting with /"),
    ([{"name": "news", "static_url": "/static"}], "apps[0] (news): static_url must be a URL path that starts and ends with /"),
    ([{"name": "news", "check_paths": "/"}], "apps[0] (news): check_paths must be a list of paths"),
    ([{"name": "news", "media_dir": "../etc"}], "apps[0] (news): media_dir must be a path relative to the app's folder"),
    ([{"name": "news", "media_dir": "media", "private_media_paths": ["documents"]}], "apps[0] (news): private_media_paths must be a list of folders"),
    ([{"name": "news", "media_dir": "media", "private_media_paths": ["../documents/"]}], "apps[0] (news): private_media_paths must be a list of folders"),
    ([{"name": "news", "private_media_paths": ["documents/"]}], "apps[0] (news): private_media_paths are folders under media_dir"),
    ([{"name": "news", "packages": "nodejs"}], "apps[0] (news): packages must be a list of the distribution's package names"),
    ([{"name": "news", "packages": ["Node JS"]}], "apps[0] (news): packages must be a list of the distribution's package names"),
    ([{"name": "news", "build_commands": ["npm ci", " "]}], "apps[0] (news): build_commands must be a list of shell commands"),
    ([{"name": "news", "upload_max_size": "10 MB"}], "apps[0] (news): upload_max_size must be an nginx size"),
    ([{"name": "news", "content_security_policy": 'default-src "self"'}],
     "apps[0] (news): content_security_policy must be a Content-Security-Policy on one line"),
    ([{"name": "news", "frame_options": "ALLOW-FROM https://example.org"}], "apps[0] (news): frame_options must be DENY"),
    ([{"name": "news", "anonymous_cache_seconds": "1m"}], "apps[0] (news): anonymous_cache_seconds must be a number"),
    ([{"name": "news", "failed_login_log": "failed login"}], "apps[0] (news): failed_login_log must be a fail2ban regex holding <HOST>"),
    ([{"name": "news", "db_user": "News"}], "apps[0] (news): db_user must be a PostgreSQL name"),
    ([{"name": "news", "settings": "config/settings.py"}], "apps[0] (news): settings must be the settings module"),
    ([{"name": "news", "environment": {"DATABASE_URL": "sqlite://"}}],
     "apps[0] (news): environment may not set DATABASE_URL (the deploy writes it from db_name and db_user)"),
    ([{"name": "news", "environment": {"ALLOWED": ["a", "b"]}}], "apps[0] (news): environment must give each variable one value"),
    ([{"name": "news", "environment": ["SENTRY_DSN=x"]}], "apps[0] (news): environment must be a mapping"),
    ([{"name": "news", "git_repo": "/srv/news"}], "apps[0] (news): git_repo must be an https://, ssh:// or user@host:path URL"),
    ([{"name": "news", "git_repo": "ssh://git@git.example.org/news.git"}],
     "apps[0] (news): git_host_keys must pin the git server's host keys"),
    ([{"name": "news", "git_repo": "git@git.example.org:news.git", "git_host_keys": ["git.example.org"]}],
     "apps[0] (news): git_host_keys line 1: must be \"host key-type base64\""),
    ([{"name": "news", "git_repo": "ssh://git@git.example.org/news.git", "git_host_keys": [HOST_KEY],
       "git_deploy_key": HOST_KEY}], "apps[0] (news): git_deploy_key must be a whole private key"),
    ([{"name": "news", "git_repo": "https://git.example.org/news.git", "git_version": ""}],
     "apps[0] (news): git_version must name a branch"),
    ([{"name": "news", "domains": ["news.test"]}, {"name": "news", "domains": ["www.news.test"]}], "apps: 2 apps are named 'news'"),
    ([{"name": "news", "domains": ["news.test"]}, {"name": "shop", "domains": ["shop.test"], "db_name": "news"}],
     "apps: 2 apps have the db_name 'news'; each app needs a database and role of its own"),
    ([{"name": "news-site", "domains": ["news.test"]}, {"name": "shop", "domains": ["shop.test"], "db_user": "news_site"}],
     "apps: 2 apps have the db_user 'news_site'"),
    ({"name": "news"}, "apps must be a list of app descriptions"),
    ([], "apps must be a list of app descriptions"),
])
def test_a_bad_description_is_named_by_app_and_key(apps, problem):
    # Each case breaks one thing: the code's source every app needs is added where a case gives none.
    if isinstance(apps, list):
        apps = [{**NEWS_CODE, **app} if isinstance(app, dict) and not {"git_repo", "bundle"} & set(app) else app for app in apps]
    problems = apps_filter.site_app_problems(apps, DEFAULTS)
    assert len(problems) == 1, problems
    assert problems[0].startswith(problem), problems


@pytest.mark.parametrize("url", ["https://oauth2:glpat-made-up@git.example.org/news.git",
                                 "https://glpat-made-up@git.example.org/news.git",
                                 "ssh://git:glpat-made-up@git.example.org/news.git"])
def test_a_git_url_with_credentials_stops_without_repeating_them(url):
    [problem] = apps_filter.site_app_problems([{"name": "news", "git_repo": url}], DEFAULTS)
    assert problem.startswith("apps[0] (news): git_repo carries credentials"), problem
    assert "glpat-made-up" not in problem


def test_a_private_repository_over_ssh_with_a_deploy_key_and_pinned_host_key_passes(deploy_key):
    for repo in ("ssh://git@git.example.org/news.git", "git@git.example.org:team/news.git"):
        app = {"name": "news", "git_repo": repo, "git_version": "v1.2", "git_deploy_key": deploy_key,
               "git_host_keys": [HOST_KEY, f"@cert-authority *.example.org {HOST_KEY.split(' ', 1)[1]}"]}
        assert apps_filter.site_app_problems([app], DEFAULTS) == []
    # A deploy key is for SSH only; a host key cut short is refused as sshd would.
    [problem] = apps_filter.site_app_problems(
        [{"name": "news", "git_repo": "https://git.example.org/news.git", "git_deploy_key": deploy_key}], DEFAULTS)
    assert problem.startswith("apps[0] (news): git_deploy_key is set, but git_repo is not an ssh://"), problem
    assert deploy_key.splitlines()[1] not in problem
    [problem] = apps_filter.site_app_problems(
        [{"name": "news", "git_repo": "ssh://git@git.example.org/news.git", "git_host_keys": [HOST_KEY[:60]]}], DEFAULTS)
    assert problem.startswith("apps[0] (news): git_host_keys line 1: the key body"), problem
    # A public repository over https needs neither.
    assert apps_filter.site_app_problems([{"name": "news", "git_repo": "https://git.example.org/news.git"}], DEFAULTS) == []


def test_an_app_that_needs_a_newer_python_than_the_hosts_stops():
    apps = [{"name": "news", "python": "3.12", **NEWS_CODE}]
    assert apps_filter.site_app_problems(apps, DEFAULTS, host_python="3.11") == [
        "apps[0] (news): python 3.12 is the oldest Python the app runs on, and this host's python3 is 3.11: run the app "
        "on a system whose Python is 3.12 or newer"]
    assert apps_filter.site_app_problems(apps, DEFAULTS, host_python="3.13") == []
    assert apps_filter.site_app_problems(apps, DEFAULTS, host_python="3.12") == []
    # Not a web host (no python given), or no requirement stated: nothing to compare.
    assert apps_filter.site_app_problems(apps, DEFAULTS) == []
    assert apps_filter.site_app_problems([{"name": "news", **NEWS_CODE}], DEFAULTS, host_python="3.9") == []
    assert apps_filter.site_app_problems([{"name": "news", "python": "3", **NEWS_CODE}], DEFAULTS)[0].startswith(
        "apps[0] (news): python must be the oldest Python the app runs on")


def test_an_inventory_still_setting_app_is_told_how_to_move():
    problems = apps_filter.site_app_problems(GROUP_VARS["apps"], DEFAULTS, {"name": "news"})
    assert problems == ["app: (one app) became apps:, a list with one entry per app that names only what differs "
                        "from app_defaults (README, \"Your own Django project\"): move your app's keys into "
                        "apps: [{name: ..., ...}] and remove app: from the inventory."]


def test_a_run_can_be_limited_to_one_app_by_name():
    """-e app=NAME: the playbooks loop over that app only; a name that is none of the apps stops in preflight."""
    news = {"name": "news", "domains": ["news.test"], **NEWS_CODE}
    shop = {"name": "shop", "domains": ["shop.test"], **NEWS_CODE}
    assert [app["name"] for app in apps_filter.site_apps([news, shop], DEFAULTS)] == ["news", "shop"]
    assert [app["name"] for app in apps_filter.site_apps([news, shop], DEFAULTS, (), "shop")] == ["shop"]
    assert apps_filter.site_app_problems([news], DEFAULTS, "news") == []
    assert apps_filter.site_app_problems([news], DEFAULTS, "shop") == ["app 'shop' (-e app=NAME) is none of the apps: news"]


def test_each_app_has_its_own_database_and_role_reachable_only_by_it():
    news, shop = apps_filter.site_apps([{"name": "news", "domains": ["news.test"], **NEWS_CODE},
                                        {"name": "shop", "db_user": "shop_web", "domains": ["shop.test"], **NEWS_CODE}],
                                       DEFAULTS)
    assert apps_filter.site_app_databases([news, shop]) == [{"name": "news", "owner": "news"},
                                                           {"name": "shop", "owner": "shop_web"}]
    # The vault's password for the role it names; the other's is generated on the database host.
    assert apps_filter.site_app_db_users([news, shop], {"news": "from-the-vault"}) == [
        {"name": "news", "password": "from-the-vault"}, {"name": "shop_web"}]
    assert apps_filter.site_app_hba_clients([news, shop], ["10.0.0.2/32", "10.0.0.3/32"]) == [
        {"address": "10.0.0.2/32", "databases": "news", "users": "news"},
        {"address": "10.0.0.2/32", "databases": "shop", "users": "shop_web"},
        {"address": "10.0.0.3/32", "databases": "news", "users": "news"},
        {"address": "10.0.0.3/32", "databases": "shop", "users": "shop_web"}]


def test_an_app_that_logs_failed_logins_gets_a_jail_reading_its_own_journal():
    library, news = apps_filter.site_apps([GROUP_VARS["apps"][0], {"name": "news", "domains": ["news.test"], **NEWS_CODE}],
                                          DEFAULTS, ["library.test"])
    assert apps_filter.site_app_fail2ban_jails([library, news]) == [
        {"name": "locallibrary-login", "journalmatch": "_SYSTEMD_UNIT=locallibrary.service",
         "failregex": "^%(__prefix_line)sWARNING catalog\\.auth: failed login from <HOST> for "}]


def test_the_balancer_serves_each_app_by_its_names_and_health_path():
    library, news = apps_filter.site_apps([GROUP_VARS["apps"][0],
                                           {"name": "news", "domains": ["news.test", "www.news.test"],
                                            "health_path": "/health/", **NEWS_CODE}],
                                          DEFAULTS, ["library.test"])
    assert apps_filter.site_app_balancer_sites([library, news]) == [
        {"name": "locallibrary", "server_names": ["library.test"], "health_path": "/healthz"},
        {"name": "news", "server_names": ["news.test", "www.news.test"], "health_path": "/health/"}]
