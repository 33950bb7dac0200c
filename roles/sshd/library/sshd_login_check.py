#!/usr/bin/python
# -*- coding: utf-8 -*-
"""Find which accounts with SSH keys could still log in under a proposed sshd policy."""

from __future__ import annotations

DOCUMENTATION = r"""
---
module: sshd_login_check
short_description: List accounts that could log in with a key under a proposed sshd policy
description:
  - Reads the local accounts and their authorized_keys files, then applies the proposed
    PermitRootLogin, AllowUsers and AllowGroups settings to each account that has a key.
  - Makes no change. The sshd role fails before writing sshd_config when no account would remain.
options:
  allow_users:
    description: Proposed AllowUsers patterns (empty means every user).
    type: list
    elements: str
    default: []
  allow_groups:
    description: Proposed AllowGroups patterns (empty means every group).
    type: list
    elements: str
    default: []
  permit_root_login:
    description: Proposed PermitRootLogin value.
    type: str
    default: "no"
  authorized_keys_files:
    description: AuthorizedKeysFile entries, relative to the home folder unless absolute (%h and %u expand).
    type: list
    elements: str
    default: [.ssh/authorized_keys]
author: django-vps maintainers
"""

RETURN = r"""
accounts:
  description: Accounts that have at least one key, with the reason each is refused (null when allowed).
  type: list
  returned: always
allowed:
  description: Names of the accounts that could log in with a key.
  type: list
  returned: always
"""

import fnmatch
import grp
import os
import pwd

from ansible.module_utils.basic import AnsibleModule

NO_LOGIN_SHELLS = ("/usr/sbin/nologin", "/sbin/nologin", "/bin/false", "/usr/bin/false")


def key_count(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return sum(1 for line in handle if line.strip() and not line.lstrip().startswith("#"))
    except OSError:
        return 0


def account_groups(entry):
    names = {grp.getgrgid(entry.pw_gid).gr_name} if _gid_exists(entry.pw_gid) else set()
    names.update(g.gr_name for g in grp.getgrall() if entry.pw_name in g.gr_mem)
    return sorted(names)


def _gid_exists(gid):
    try:
        grp.getgrgid(gid)
        return True
    except KeyError:
        return False


def matches(name, patterns):
    # AllowUsers entries may be USER@HOST; only the user part can be judged here.
    return any(fnmatch.fnmatchcase(name, p.split("@", 1)[0]) for p in patterns)


def refusal(entry, groups, params):
    if entry.pw_uid == 0 and params["permit_root_login"] == "no":
        return "root login is disabled"
    if entry.pw_shell in NO_LOGIN_SHELLS:
        return "shell %s allows no login" % entry.pw_shell
    if params["allow_users"] and not matches(entry.pw_name, params["allow_users"]):
        return "not in AllowUsers"
    if params["allow_groups"] and not any(matches(g, params["allow_groups"]) for g in groups):
        return "in none of AllowGroups"
    return None


def main():
    module = AnsibleModule(
        argument_spec=dict(
            allow_users=dict(type="list", elements="str", default=[]),
            allow_groups=dict(type="list", elements="str", default=[]),
            permit_root_login=dict(type="str", default="no"),
            authorized_keys_files=dict(type="list", elements="str", default=[".ssh/authorized_keys"]),
        ),
        supports_check_mode=True,
    )
    accounts = []
    for entry in pwd.getpwall():
        keys = 0
        for pattern in module.params["authorized_keys_files"]:
            path = pattern.replace("%h", entry.pw_dir).replace("%u", entry.pw_name).replace("%%", "%")
            if not os.path.isabs(path):
                path = os.path.join(entry.pw_dir, path)
            keys += key_count(path)
        if not keys:
            continue
        groups = account_groups(entry)
        accounts.append(dict(name=entry.pw_name, uid=entry.pw_uid, groups=groups, keys=keys,
                             refused=refusal(entry, groups, module.params)))
    module.exit_json(changed=False, accounts=accounts,
                     allowed=[a["name"] for a in accounts if a["refused"] is None])


if __name__ == "__main__":
    main()
