#!/usr/bin/env python3
"""Nothing lost on a crash: writes people through the API from several
clients at once, kills the server with SIGKILL in the middle, starts it
again, and checks that every write that got a success answer is there,
whole (the person and their audit record, written in one transaction), and
that no person was saved without their audit record or the other way round.

Usage: crash_test.py BINARY WORKDIR [--rounds N] [--port P]
DATABASE_URL names the database (a SQLite file, or an empty PostgreSQL database).
Talks only to 127.0.0.1. Every loop is bounded; the whole run stops by itself.
"""
import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

WRITERS = 6
PREFIX = "Crash Test"


def run(binary, *args, env):
    return subprocess.run([binary, *args, "--log", "warning"], env=env, check=True,
                          capture_output=True, text=True, timeout=600).stdout


def start(binary, port, env, workdir):
    log = open(os.path.join(workdir, "server.log"), "a")
    server = subprocess.Popen([binary, "serve", "--env", "production", "--hostname", "127.0.0.1",
                               "--port", str(port), "--log", "warning"], env=env, stdout=log, stderr=log)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        if server.poll() is not None:
            sys.exit(f"crash test: the server stopped while starting; see {workdir}/server.log")
        time.sleep(0.1)
    server.kill()
    sys.exit("crash test: the server did not answer /healthz within 30 seconds")


def call(port, token, method, path, body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.status, json.loads(answer.read() or b"null")


def writer(port, token, organisation, round_number, number, stop, acknowledged, lock):
    sequence = 0
    while not stop.is_set() and sequence < 10_000:
        sequence += 1
        name = f"{PREFIX} {round_number}-{number}-{sequence}"
        try:
            status, person = call(port, token, "POST", "/api/v1/people",
                                  {"fullName": name, "organisationId": organisation,
                                   "email": f"crash.{round_number}.{number}.{sequence}@example.com"})
        except (urllib.error.URLError, ConnectionError, OSError, ValueError):
            return  # the server has gone: this write was in flight, and may or may not be saved
        if status == 201:
            with lock:
                acknowledged[person["id"].upper()] = name


def rows(database_url):
    """Every crash-test person, and every audit record of adding one, read from the database itself."""
    people_sql = f"SELECT upper(CAST(id AS TEXT)), full_name FROM people WHERE full_name LIKE '{PREFIX} %'"
    audit_sql = (f"SELECT upper(CAST(subject_id AS TEXT)) FROM audit_events WHERE subject_type = 'person' "
                 f"AND subject_label LIKE '{PREFIX} %'")
    if database_url.startswith("sqlite:"):
        connection = sqlite3.connect(database_url[len("sqlite:"):])
        try:
            people = dict(connection.execute(people_sql).fetchall())
            audited = [row[0] for row in connection.execute(audit_sql).fetchall()]
        finally:
            connection.close()
        return people, audited
    def psql(sql):
        out = subprocess.run(["psql", "--no-psqlrc", "-At", "-F", "\t", database_url, "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]
    return dict(psql(people_sql)), [row[0] for row in psql(audit_sql)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("workdir")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8097)
    args = parser.parse_args()
    env = dict(os.environ)
    database_url = env["DATABASE_URL"]
    if not database_url.startswith("sqlite:"):
        run(args.binary, "migrate", "--yes", env=env)  # SQLite brings itself up to date
    run(args.binary, "demo", env=env)
    token = run(args.binary, "token", "create", "--email", "amara.okafor@example.com", "--label", "crash test", env=env).splitlines()[0].strip()

    acknowledged = {}
    lock = threading.Lock()
    in_flight_lost = 0
    random.seed(20261203)
    server = start(args.binary, args.port, env, args.workdir)
    _, organisations = call(args.port, token, "GET", "/api/v1/organisations?limit=1")
    organisation = organisations["items"][0]["id"]
    for round_number in range(1, args.rounds + 1):
        stop = threading.Event()
        before = len(acknowledged)
        threads = [threading.Thread(target=writer, args=(args.port, token, organisation, round_number, n, stop, acknowledged, lock))
                   for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        time.sleep(random.uniform(1.0, 2.5))
        server.send_signal(signal.SIGKILL)  # no shutdown: as if the machine's power went
        server.wait(timeout=30)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        print(f"round {round_number}: killed the server after {len(acknowledged) - before} acknowledged writes")
        server = start(args.binary, args.port, env, args.workdir)
        # Every acknowledged write is there through the API too, after the restart.
        missing = []
        for person_id, name in list(acknowledged.items())[before:]:
            try:
                status, person = call(args.port, token, "GET", f"/api/v1/people/{person_id}")
                if status != 200 or person["fullName"] != name:
                    missing.append(name)
            except urllib.error.HTTPError:
                missing.append(name)
        if missing:
            server.kill()
            sys.exit(f"crash test: {len(missing)} acknowledged writes are missing after the restart, such as {missing[:3]}")
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)

    people, audited = rows(database_url)
    lost = [name for person_id, name in acknowledged.items() if person_id not in people]
    unaudited = [name for person_id, name in people.items() if person_id not in set(audited)]
    orphaned = [subject for subject in audited if subject not in people]
    extra = len(people) - len(acknowledged)
    print(f"crash test: {args.rounds} kills, {len(acknowledged)} writes acknowledged, all {len(acknowledged) - len(lost)} there; "
          f"{extra} more saved whose answer was cut off by the kill; {len(unaudited)} people without their audit record; "
          f"{len(orphaned)} audit records without their person")
    if lost or unaudited or orphaned or extra < 0:
        sys.exit("crash test: FAILED")
    print("crash: 1 passed")


if __name__ == "__main__":
    main()
