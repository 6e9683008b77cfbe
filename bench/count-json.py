#!/usr/bin/env python3
"""Counts the items in a tool's JSON output, for the benchmark scripts' output checks.

Usage: count-json.py list|ip-addr FILE
  list     the items of each document (a list, or one object)
  ip-addr  the addresses of `ip -j addr show` (each interface's addr_info)
A file is one JSON document or one per line (as `--output-json` prints several). Prints the count.
"""
import json
import sys


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("list", "ip-addr"):
        sys.exit(__doc__)
    how, path = sys.argv[1], sys.argv[2]
    with open(path) as f:
        text = f.read()
    try:
        docs = [json.loads(text)]
    except ValueError:
        docs = [json.loads(line) for line in text.splitlines() if line.strip()]
    n = 0
    for d in docs:
        for x in d if isinstance(d, list) else [d]:
            n += len(x.get("addr_info", [])) if how == "ip-addr" else 1
    print(n)


if __name__ == "__main__":
    main()
