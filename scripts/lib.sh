# Shared helpers for the scripts in this folder; sourced, not run.
# shellcheck shell=bash
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$REPO_ROOT/.venv}"

say()  { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33mWARNING:\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# The host's cgroup-v2 tree, which the systemd test containers mount as their /sys/fs/cgroup:
# systemd 258 and newer (Ubuntu 26.04) refuse the v1 tree. On a hybrid host (v1 controllers with v2
# mounted at /sys/fs/cgroup/unified) that is the "unified" mount; on a pure v2 host, /sys/fs/cgroup.
if [ -z "${MOLECULE_CGROUP_TREE:-}" ]; then
  if [ "$(stat -f -c %T /sys/fs/cgroup/unified 2>/dev/null)" = cgroup2fs ]; then
    MOLECULE_CGROUP_TREE=/sys/fs/cgroup/unified
  else
    MOLECULE_CGROUP_TREE=/sys/fs/cgroup
  fi
fi
export MOLECULE_CGROUP_TREE
