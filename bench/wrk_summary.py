#!/usr/bin/env python3
"""Reads wrk's output (with --latency) and prints: requests per second, p99 in ms, and how many
requests failed (non-2xx answers and socket errors)."""

import re
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}

text = open(sys.argv[1]).read()
rate = float(re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M).group(1))
value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M).groups()
errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
if socket:
    errors += sum(int(n) for n in socket.groups())
print(f"{rate:.0f} {float(value) * UNITS[unit]:.1f} {errors}")
