"""Keep the bytecode of Ansible's module payloads from one task to the next, in test containers.

Every task sends its module with the module_utils it imports as a zip, and Python imports from a
zip without keeping the compiled code: each task compiled ansible.module_utils.basic and its
imports again, about half of a small module's CPU time on the target. This keeps each compiled
source under the hash of its text and of the interpreter's bytecode version, as __pycache__ does
for files on disk, so a changed source is compiled again. Code outside a payload is untouched.

The test platforms mount this file and the .pth beside it into the system Python's
dist-packages (.config/molecule/config.yml); the images and the hosts users run stay as they are.
"""

import os
import zipimport

CACHE_DIR = "/var/cache/ansiballz-bytecode"


def _named(code, filename):
    # Tracebacks name the payload of the task that runs, not the one that compiled the source.
    consts = tuple(_named(c, filename) if isinstance(c, type(code)) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def _cached(compile_source):
    def compile_source_once(pathname, source):
        if "_payload.zip" not in pathname:
            return compile_source(pathname, source)
        import hashlib
        import marshal
        from importlib.util import MAGIC_NUMBER

        entry = os.path.join(CACHE_DIR, hashlib.sha256(MAGIC_NUMBER + source).hexdigest())
        try:
            with open(entry, "rb") as cached:
                return _named(marshal.load(cached), pathname)
        except (OSError, EOFError, ValueError, TypeError):
            pass
        code = compile_source(pathname, source)
        if os.geteuid() == 0:  # tasks that become another user read the cache, root writes it
            partial = "%s.%d" % (entry, os.getpid())
            try:
                os.makedirs(CACHE_DIR, mode=0o755, exist_ok=True)
                with open(partial, "wb") as out:
                    marshal.dump(code, out)
                os.replace(partial, entry)
            except OSError:
                pass
        return code

    return compile_source_once


if hasattr(zipimport, "_compile_source"):  # CPython 3.8 to 3.14; elsewhere Python compiles as before
    zipimport._compile_source = _cached(zipimport._compile_source)
