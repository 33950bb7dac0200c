"""The lines playbooks/status.yml prints for the backup units' status files (playbooks/filter_plugins/status.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("status", REPO / "playbooks/filter_plugins/status.py")
status = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(status)


def test_a_unit_line_says_how_and_when_it_ended():
    line = status.status_unit({"unit": "backup-full", "result": "success", "finished_epoch": 1796528100, "detail": ""})
    assert line == "backup-full success at 2026-12-06 03:35 UTC"


def test_a_unit_line_carries_what_the_run_proved_or_why_it_failed():
    detail = "repo1: restoring backup 20261206-031500F failed: checksum mismatch;repo2: backup 20261206-031500F restored"
    line = status.status_unit({"unit": "restore-test", "result": "exit-code", "finished_epoch": 1796528100, "detail": detail})
    assert line == f"restore-test exit-code at 2026-12-06 03:35 UTC ({detail})"


def test_a_unit_that_never_ran_says_so():
    assert status.status_unit({"unit": "restore-test"}) == "restore-test unknown"


def test_each_app_gets_its_site_and_its_releases():
    entry = {"name": "catalog",
             "web": {"state": "active", "certificate_names": ["catalog.test"], "certificate_expires": "2027-03-01 10:00 UTC",
                     "certificate_days_left": 84},
             "app": {"units": {"catalog.socket": "active", "catalog.service": "active"}, "live_release": "20261207T1915-ab12",
                     "live_since": "2026-12-07 19:15 UTC", "previous_release": ""}}
    assert status.status_app_lines(entry) == [
        "catalog:      nginx active, certificate for catalog.test expires 2027-03-01 10:00 UTC (84 days)",
        "              catalog.socket active, catalog.service active; live 20261207T1915-ab12 since 2026-12-07 19:15 UTC, "
        "previous none"]
