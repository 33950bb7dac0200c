"""What a deploy runs: check --deploy, collectstatic with hashed and gzipped files, the demo loader."""

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from catalog.models import Book, BookInstance

APP = Path(__file__).resolve().parent.parent


def manage(*args, env_changes=None):
    env = dict(os.environ, **(env_changes or {}))
    return subprocess.run([sys.executable, "manage.py", *args], cwd=APP, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def test_check_deploy_reports_no_issues():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_collectstatic_writes_hashed_and_gzipped_files(tmp_path):
    result = manage("collectstatic", "--noinput", env_changes={"DJANGO_STATIC_ROOT": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["catalog/css/styles.css"]
    assert hashed != "catalog/css/styles.css" and hashed.startswith("catalog/css/styles.")
    original = (tmp_path / hashed).read_bytes()
    assert gzip.decompress((tmp_path / (hashed + ".gz")).read_bytes()) == original
    # A second run is a no-op for the .gz files: same bytes, so deploys stay idempotent.
    before = (tmp_path / (hashed + ".gz")).read_bytes()
    manage("collectstatic", "--noinput", env_changes={"DJANGO_STATIC_ROOT": str(tmp_path)})
    assert (tmp_path / (hashed + ".gz")).read_bytes() == before


def test_collectstatic_keeps_the_manifest_in_the_release_when_told(tmp_path):
    static, manifest_dir = tmp_path / "static", tmp_path / "release-manifest"
    result = manage("collectstatic", "--noinput", env_changes={"DJANGO_STATIC_ROOT": str(static),
                                                                 "DJANGO_STATIC_MANIFEST_DIR": str(manifest_dir)})
    assert result.returncode == 0, result.stderr
    hashed = json.loads((manifest_dir / "staticfiles.json").read_text())["paths"]["catalog/css/styles.css"]
    # The files are shared, the list of their names is not.
    assert (static / hashed).is_file()
    assert not (static / "staticfiles.json").exists()


def test_no_template_or_static_file_references_an_external_host():
    offenders = []
    for folder in ("templates", "catalog/templates", "catalog/static"):
        for path in (APP / folder).rglob("*"):
            if path.is_file() and path.suffix in {".html", ".css", ".js", ".svg"}:
                # An XML namespace is a name, not a request.
                text = re.sub(r'xmlns(:[a-z]+)?="[^"]*"', "", path.read_text())
                offenders += [f"{path.relative_to(APP)}: {url}"
                              for url in re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text)]
    assert offenders == []


@pytest.mark.django_db
def test_demo_catalog_loads_and_is_idempotent():
    call_command("load_demo_catalog", staff_password="Staff-pass-for-tests-1", member_password="Member-pass-4-tests")
    books, copies = Book.objects.count(), BookInstance.objects.count()
    assert books == 12 and copies > books
    call_command("load_demo_catalog", staff_password="Staff-pass-for-tests-1", member_password="Member-pass-4-tests")
    assert (Book.objects.count(), BookInstance.objects.count()) == (books, copies)
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.get(username="librarian")
    member = get_user_model().objects.get(username="member")
    assert staff.is_staff and staff.has_perm("catalog.can_mark_returned")
    assert not member.is_staff and not member.has_perm("catalog.can_mark_returned")
    assert BookInstance.objects.filter(borrower=member, status="o").count() == 3


@pytest.mark.django_db
def test_demo_catalog_needs_passwords(monkeypatch):
    monkeypatch.delenv("DEMO_STAFF_PASSWORD", raising=False)
    monkeypatch.delenv("DEMO_MEMBER_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="No staff password"):
        call_command("load_demo_catalog", member_password="Member-pass-4-tests")
    with pytest.raises(CommandError, match="too weak"):
        call_command("load_demo_catalog", staff_password="123", member_password="Member-pass-4-tests")
