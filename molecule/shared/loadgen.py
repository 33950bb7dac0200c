#!/usr/bin/python3
"""Bounded HTTPS load on this host's port 443: RATE requests/s until STOP_FILE appears or MAX_SECONDS pass.

loadgen HOST PATH RATE MAX_SECONDS STOP_FILE
Prints one JSON line: requests sent, answered 200, failed, the failures' reasons, the slowest and
99th-percentile request times in milliseconds, and when the five slowest began (seconds after the start).
"""
import json
import os
import socket
import ssl
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPSConnection

host, path, rate, max_seconds, stop_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
lock = threading.Lock()
result = {"sent": 0, "ok": 0, "failed": 0, "errors": {}}
durations = []


def one_request():
    began = time.monotonic()
    try:
        conn = HTTPSConnection(host, 443, timeout=30, context=context)
        # Connect to this host but send the site's name in SNI and Host, as a browser would.
        conn.sock = context.wrap_socket(socket.create_connection(("127.0.0.1", 443), timeout=30), server_hostname=host)
        conn.request("GET", path, headers={"Host": host})
        status = conn.getresponse().status
        conn.close()
        reason = None if status == 200 else f"HTTP {status}"
    except Exception as exc:  # every failure counts, whatever its kind
        reason = type(exc).__name__
    with lock:
        durations.append((time.monotonic() - began, began - start))
        if reason is None:
            result["ok"] += 1
        else:
            result["failed"] += 1
            result["errors"][reason] = result["errors"].get(reason, 0) + 1


# The first request pays for the client's own start (TLS setup, imports): not counted.
start = time.monotonic()
one_request()
result.update(ok=0, failed=0, errors={})
durations.clear()
start = time.monotonic()
with ThreadPoolExecutor(max_workers=32) as pool:
    while time.monotonic() - start < max_seconds and not os.path.exists(stop_file):
        due = start + result["sent"] / rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        pool.submit(one_request)
        result["sent"] += 1
result["seconds"] = round(time.monotonic() - start, 1)
result["rate"] = round(result["sent"] / result["seconds"], 1)
durations.sort()
result["max_ms"] = round(durations[-1][0] * 1000) if durations else 0
result["p99_ms"] = round(durations[int(len(durations) * 0.99) - 1][0] * 1000) if durations else 0
result["slowest_at"] = [[round(at, 1), round(took * 1000)] for took, at in durations[-5:]]
print(json.dumps(result))
