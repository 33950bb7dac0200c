"""The failure report of scripts/test: what CI shows when a step fails."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def failure_excerpt(log: Path) -> subprocess.CompletedProcess:
    """Run scripts/test's failure_excerpt on a log, under the script's own shell options."""
    script = (ROOT / "scripts" / "test").read_text()
    function = re.search(r"^failure_excerpt\(\) \{\n.*?^\}\n", script, re.S | re.M).group(0)
    return subprocess.run(
        ["bash", "-c", f'set -euo pipefail\n{function}\nfailure_excerpt "$1"\necho "report goes on"', "_", str(log)],
        capture_output=True, text=True, check=False,
    )


def test_a_failed_task_with_a_long_log_after_it_is_reported_and_the_report_goes_on(tmp_path):
    # A failed `until` task early in a long verify log, as in CI run 40: the excerpt once stopped
    # reading after the task's keys, its feeder died of SIGPIPE and the whole summary ended there.
    later = "".join(f"  │ TASK [A later task {i}]\n  │ ok: [pg]\n" for i in range(5000))
    log = tmp_path / "molecule_postgresql.log"
    log.write_text(
        "  │ TASK [Wait until pgBackRest has dropped the waiting WAL]\n"
        "  │ fatal: [pg]: FAILED! => \n"
        "  │     attempts: 60\n"
        "  │     changed: false\n"
        "  │     query_result: []\n"
        "  │ \n"
        f"{later}"
        "  │ PLAY RECAP\n"
        "  │ pg                  : ok=26   changed=8    unreachable=0    failed=1\n"
    )
    result = failure_excerpt(log)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "--- the failure:",
        "TASK [Wait until pgBackRest has dropped the waiting WAL]",
        "fatal: [pg]: FAILED! => ",
        "    attempts: 60",
        "pg                  : ok=26   changed=8    unreachable=0    failed=1",
        "report goes on",
    ]


def test_each_phase_gets_its_own_duration_not_that_of_a_playbook_it_runs(tmp_path):
    # The site verify runs ansible-playbook itself (the second app's deploy), whose output ends with a
    # duration of its own before the verify's.
    script = (ROOT / "scripts" / "test").read_text()
    function = re.search(r"^phase_times\(\) \{\n.*?^\}\n", script, re.S | re.M).group(0)
    log = tmp_path / "molecule_site.log"
    log.write_text(
        "INFO     site ➜ converge: Executing\n"
        "  │ Playbook run took 0 days, 0 hours, 8 minutes, 47 seconds\n"
        "INFO     site ➜ syntax: Executing\n"
        "INFO     site ➜ verify: Executing\n"
        "  │     Playbook run took 0 days, 0 hours, 0 minutes, 28 seconds\n"
        "  │ Playbook run took 0 days, 0 hours, 4 minutes, 52 seconds\n"
    )
    result = subprocess.run(["bash", "-c", f'set -euo pipefail\n{function}\nphase_times "$1"', "_", str(log)],
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (0, "converge 527, verify 292"), result.stderr
