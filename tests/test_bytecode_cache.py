"""The test platforms' bytecode cache for Ansible's task payloads (molecule/shared/python): a
payload's source is compiled once, a changed source again, and a traceback names the payload of
the task that runs, not the one that compiled the source first."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
import zipimport
from pathlib import Path

import pytest

HOOK = Path(__file__).resolve().parent.parent / "molecule/shared/python/ansiballz_bytecode_cache.py"
SOURCE = "def outer():\n    def inner():\n        return 1 / 0\n    return inner()\n"


@pytest.fixture
def hook(tmp_path, monkeypatch):
    compiled = []
    original = zipimport._compile_source

    def counting(pathname, source):
        compiled.append(pathname)
        return original(pathname, source)

    monkeypatch.setattr(zipimport, "_compile_source", counting)
    spec = importlib.util.spec_from_file_location("ansiballz_bytecode_cache_under_test", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # wraps the counting compiler
    monkeypatch.setattr(module, "CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(module.os, "geteuid", lambda: 0)
    return compiled


def payload(folder: Path, name: str, source: str) -> Path:
    folder.mkdir()
    archive = folder / "ansible_probe_payload.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(f"{name}.py", source)
    return archive


def run_from(archive: Path, name: str) -> list[str]:
    sys.path.insert(0, str(archive))
    try:
        module = importlib.import_module(name)
        with pytest.raises(ZeroDivisionError) as raised:
            module.outer()
        return [entry.path for entry in raised.traceback]
    finally:
        sys.path.remove(str(archive))
        sys.modules.pop(name, None)


def test_a_payload_source_is_compiled_once_and_named_after_the_running_payload(hook, tmp_path):
    first = payload(tmp_path / "task1", "probe_module", SOURCE)
    second = payload(tmp_path / "task2", "probe_module", SOURCE)
    run_from(first, "probe_module")
    frames = run_from(second, "probe_module")
    assert len(hook) == 1
    assert len(list((tmp_path / "cache").iterdir())) == 1
    assert [str(p) for p in frames[-2:]] == [str(second / "probe_module.py")] * 2


def test_a_changed_source_is_compiled_again(hook, tmp_path):
    run_from(payload(tmp_path / "task1", "probe_module", SOURCE), "probe_module")
    run_from(payload(tmp_path / "task2", "probe_module", SOURCE + "# changed\n"), "probe_module")
    assert len(hook) == 2


def test_zips_that_are_no_payload_are_left_alone(hook, tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    archive = folder / "library.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("probe_module.py", SOURCE)
    run_from(archive, "probe_module")
    assert not (tmp_path / "cache").exists()
