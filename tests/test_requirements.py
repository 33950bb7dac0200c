"""The app's hash-pinned requirements install on the Python of every supported system.

A pin that has no build for one of them (as asgiref 3.13 has none for Ubuntu 22.04's Python 3.10)
breaks the deploy there with a 502; this finds it before any host does, with pip's own resolver.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REQUIREMENTS = Path(__file__).resolve().parent.parent / "django_app" / "requirements.txt"
# Debian 12, Ubuntu 24.04, Debian 13, Ubuntu 26.04.
TARGET_PYTHONS = ["3.11", "3.12", "3.13", "3.14"]


@pytest.mark.parametrize("version", TARGET_PYTHONS)
def test_the_pins_have_a_build_for_every_target_python(version, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
         "--require-hashes", "-r", str(REQUIREMENTS), "--only-binary=:all:", "--python-version", version,
         "--implementation", "cp", "--platform", "manylinux2014_x86_64", "--platform", "manylinux_2_28_x86_64",
         "-d", str(tmp_path)],
        capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"Python {version}: {result.stderr[-2000:]}"
    pinned = sorted(line.split("==")[0].lower().replace("-", "_") for line in REQUIREMENTS.read_text().splitlines()
                    if "==" in line and not line.startswith("#"))
    downloaded = sorted(p.name.split("-")[0].lower() for p in tmp_path.iterdir())
    assert downloaded == pinned, downloaded
