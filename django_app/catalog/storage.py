"""Static files with hashed names, plus .gz copies that nginx serves with gzip_static."""

from __future__ import annotations

import gzip
import os

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.core.files.storage import FileSystemStorage

COMPRESSIBLE = (".css", ".js", ".svg", ".txt", ".html", ".json", ".xml", ".map", ".ico", ".webmanifest")


class CompressedManifestStaticFilesStorage(ManifestStaticFilesStorage):
    """Write name.ext.gz next to every compressible file when it is smaller than the original.

    manifest_location: the folder of the manifest (the hashed name of every file), when it is not the
    static folder itself: releases that share one static folder each keep their own.
    """

    def __init__(self, *args, manifest_location=None, **kwargs):
        if manifest_location:
            kwargs.setdefault("manifest_storage", FileSystemStorage(location=manifest_location))
        super().__init__(*args, **kwargs)

    def post_process(self, paths, dry_run=False, **options):
        yield from super().post_process(paths, dry_run=dry_run, **options)
        if dry_run:
            return
        for root, _dirs, files in os.walk(self.location):
            for filename in files:
                if filename.endswith(COMPRESSIBLE):
                    self._compress(os.path.join(root, filename))

    @staticmethod
    def _compress(path: str) -> None:
        with open(path, "rb") as source:
            data = source.read()
        # mtime=0 keeps the output identical between runs, so repeated deploys change nothing.
        compressed = gzip.compress(data, compresslevel=9, mtime=0)
        target = path + ".gz"
        if len(compressed) >= len(data):
            if os.path.exists(target):
                os.remove(target)
            return
        with open(target, "wb") as out:
            out.write(compressed)
        stat = os.stat(path)
        os.utime(target, (stat.st_atime, stat.st_mtime))
