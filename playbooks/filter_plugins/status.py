"""Filters for playbooks/status.yml: one short line for a backup or a unit's last run.

status_backup: pgBackRest's `info` entry of a backup -> "repo2 full 20261126-031500F at 2026-11-26 03:15 UTC, 41.2 MB".
status_unit: a status file written after a backup unit ran -> "backup-full success at 2026-11-26 03:15 UTC", with what the
run said when it left a detail (the restore test does) in parentheses.
status_app_lines: one app's entry of the report ({name, web, app}) -> its two lines of the table: the site nginx
serves for it with the certificate, and its units with the live and previous release.
"""

from __future__ import annotations

import time


def _when(epoch) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(int(epoch))) if epoch else "never"


def _size(count) -> str:
    count = float(count or 0)
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if count < 1000 or unit == "TB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return ""


def status_backup(backup: dict) -> str:
    repo = backup.get("database", {}).get("repo-key", "?")
    size = backup.get("info", {}).get("repository", {}).get("delta")
    return (f"repo{repo} {backup.get('type', '?')} {backup.get('label', '?')} at "
            f"{_when(backup.get('timestamp', {}).get('stop'))}, {_size(size)} stored")


def status_unit(status: dict) -> str:
    name = status.get("unit", "").removesuffix(".service")
    line = f"{name} {status.get('result', 'unknown')}".strip()
    line = f"{line} at {_when(status['finished_epoch'])}" if status.get("finished_epoch") else line
    # What the run proved or why it failed, when it says (the restore test does).
    return f"{line} ({status['detail']})" if status.get("detail") else line


def status_app_lines(entry: dict) -> list:
    name, web, app = entry.get("name", "?"), entry.get("web") or {}, entry.get("app") or {}
    label = f"{name}:"
    lines = []
    if web:
        lines.append(f"{label:<13} nginx {web.get('state', '?')}, certificate for {' '.join(web.get('certificate_names', []))} "
                     f"expires {web.get('certificate_expires', '?')} ({web.get('certificate_days_left', '?')} days)")
    if app:
        units = ", ".join(f"{unit} {state}" for unit, state in (app.get("units") or {}).items())
        lines.append(f"{'':<13} {units}; live {app.get('live_release') or 'none'} since {app.get('live_since') or '?'}, "
                     f"previous {app.get('previous_release') or 'none'}")
    return lines


class FilterModule:
    def filters(self):
        return {"status_backup": status_backup, "status_unit": status_unit, "status_app_lines": status_app_lines}
