#!/usr/bin/env python3
"""CPU time by process name between two moments, from /proc (python3 standard library only).

  cpu.py snapshot > before.json      ...      cpu.py since before.json
prints the CPU seconds (user + system) each process name used in between, largest first. Processes that ended in
between are not counted (their time is lost), so the figures are lower bounds.
"""
import json
import os
import sys

HZ = os.sysconf("SC_CLK_TCK")


def snapshot():
    seen = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        name = raw[raw.index("(") + 1:raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2:].split()
        seen[pid] = (name, (int(fields[11]) + int(fields[12])) / HZ)
    return seen


def main():
    if sys.argv[1:] == ["snapshot"]:
        json.dump(snapshot(), sys.stdout)
        return
    before = json.load(open(sys.argv[2]))
    totals = {}
    for pid, (name, seconds) in snapshot().items():
        if pid in before and before[pid][0] != name:
            continue  # kernel workers rename themselves after their current work
        # A process born in between counts from zero.
        used = seconds - (before[pid][1] if pid in before else 0)
        totals[name] = totals.get(name, 0) + used
    ranked = sorted(((s, n) for n, s in totals.items() if s >= 0.05), reverse=True)
    print(", ".join(f"{name} {seconds:.1f} s" for seconds, name in ranked[:8]))


if __name__ == "__main__":
    main()
