#!/usr/bin/env python3
"""Requests per second and latency under concurrency: each address is loaded
by wrk at 1, 50 and 200 connections for a few seconds, signed in as the demo
forum officer (pages) or with their API token (the API), with /healthz in the
same run as the floor. Prints a Markdown table for docs/performance.md, and the
server's peak memory.

Usage: load.py BASE_URL TOKEN SERVER_PID [--seconds 5] [--connections 1,50,200]
Talks only to the loopback address it is given.
"""
import argparse
import http.client
import json
import os
import re
import subprocess
import sys
from urllib.parse import urlencode, urlparse

HERE = os.path.dirname(os.path.abspath(__file__))


def session_cookie(base):
    parsed = urlparse(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    cookies = {}

    def request(method, path, body=None, headers=None):
        headers = dict(headers or {})
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.split(";")[0].partition("=")
                cookies[name.strip()] = rest
        return response.status, data

    _, html = request("GET", "/sign-in")
    token = re.search(r'name="csrfToken" value="([^"]+)"', html).group(1)
    status, _ = request("POST", "/sign-in", urlencode({"email": "amara.okafor@example.com", "password": "coproduce-demo", "csrfToken": token}),
                        {"Content-Type": "application/x-www-form-urlencoded"})
    if status != 303:
        sys.exit(f"load: signing in failed with {status}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def first_id(base, token, path):
    parsed = urlparse(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    connection.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    body = json.loads(connection.getresponse().read())
    return body["items"][0]["id"]


def wrk(url, connections, seconds, header):
    threads = 1 if connections == 1 else 2
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", os.path.join(HERE, "report.lua"),
               "-H", header, url]
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    summary = json.loads(output.strip().splitlines()[-1])
    summary["rps"] = summary["requests"] / summary["seconds"]
    summary["errors"] = sum(summary[k] for k in ["connect_errors", "read_errors", "write_errors", "timeouts", "bad_status"])
    return summary


def peak_memory_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("token")
    parser.add_argument("pid", type=int)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", default="1,50,200")
    args = parser.parse_args()
    if urlparse(args.base).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("load: only a server on this machine's loopback address is loaded")
    levels = [int(n) for n in args.connections.split(",")]

    cookie = "Cookie: " + session_cookie(args.base)
    bearer = f"Authorization: Bearer {args.token}"
    group = first_id(args.base, args.token, "/api/v1/groups?perPage=1")
    meeting = first_id(args.base, args.token, "/api/v1/meetings?perPage=1")
    targets = [
        ("/healthz (one query, no page: the floor)", "/healthz", "Accept: text/plain"),
        ("Home (needs-attention checks)", "/", cookie),
        ("People, first page", "/people", cookie),
        ("People, search any part of a name", "/people?q=son", cookie),
        ("A group with rule checks", f"/groups/{group}", cookie),
        ("Complaints", "/complaints", cookie),
        ("Meetings, upcoming", "/meetings", cookie),
        ("A meeting: agenda and rule results", f"/meetings/{meeting}", cookie),
        ("API: people, first page", "/api/v1/people", bearer),
        ("API: meetings, first page", "/api/v1/meetings", bearer),
    ]
    header = "| address | " + " | ".join(f"{n} conn.: req/s, p50, p95, p99 (ms), errors" for n in levels) + " |"
    print(header)
    print("| --- |" + " --- |" * len(levels))
    for label, path, auth in targets:
        cells = []
        for connections in levels:
            result = wrk(args.base + path, connections, args.seconds, auth)
            cells.append(f"{result['rps']:,.0f}, {result['p50_ms']:.1f}, {result['p95_ms']:.1f}, {result['p99_ms']:.1f}, {result['errors']}")
        print(f"| {label} (`{path.split('?')[0] if len(path) > 40 else path}`) | " + " | ".join(cells) + " |", flush=True)
    print()
    print(f"Server memory: {peak_memory_mb(args.pid):.0f} MB at most (VmHWM).")


if __name__ == "__main__":
    main()
