#!/usr/bin/env python3
"""Runs a command and samples its whole process tree every 50 ms.

usage: treemem.py OUT.json COMMAND [ARGS...]

The tree is the command and every process descended from it (Chromium's renderers included,
whatever process group they are in). Writes {"wallS", "exit", "peakRssKb", "peakPssKb",
"peakProcs"}: peak RSS sums each process's resident set (pages shared between Chromium's
processes counted once per process, an upper bound); peak PSS shares them out (the honest
total). The command's stdout and stderr pass through.
"""

import json
import os
import subprocess
import sys
import time


def children():
    kids = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(pid))
    return kids


def tree(root):
    kids, todo, seen = children(), [root], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo.extend(kids.get(p, []))
    return seen


def memory(pid):
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def main():
    out, cmd = sys.argv[1], sys.argv[2:]
    start = time.monotonic()
    proc = subprocess.Popen(cmd)
    peak = {"rss": 0, "pss": 0, "procs": 0}
    while proc.poll() is None:
        pids = tree(proc.pid)
        mem = [memory(p) for p in pids]
        peak["rss"] = max(peak["rss"], sum(m[0] for m in mem))
        peak["pss"] = max(peak["pss"], sum(m[1] for m in mem))
        peak["procs"] = max(peak["procs"], len(pids))
        time.sleep(0.05)
    wall = time.monotonic() - start
    with open(out, "w") as f:
        json.dump({"wallS": round(wall, 3), "exit": proc.returncode, "peakRssKb": peak["rss"],
                   "peakPssKb": peak["pss"], "peakProcs": peak["procs"]}, f)


if __name__ == "__main__":
    main()
