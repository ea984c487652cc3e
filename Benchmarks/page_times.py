#!/usr/bin/env python3
"""Times Coproduce's pages and API calls against a running server: signs in
as a demo account, requests each address many times in a row, and prints
the median, 95th percentile and slowest time in milliseconds.

Usage: page_times.py BASE_URL DATABASE TOKEN [--requests 100]
"""
import argparse
import http.client
import re
import sqlite3
import statistics
import time
from urllib.parse import urlencode, urlparse


class Client:
    def __init__(self, base):
        parsed = urlparse(base)
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            # Every cookie: the session's, and the signing-in form's token for a visitor.
            if header.lower() == "set-cookie":
                name, _, rest = value.split(";")[0].partition("=")
                self.cookies[name.strip()] = rest
        return response.status, data.decode("utf-8", "replace")

    def sign_in(self, email, password):
        _, html = self.request("GET", "/sign-in")
        token = re.search(r'name="csrfToken" value="([^"]+)"', html).group(1)
        status, _ = self.request("POST", "/sign-in", urlencode({"email": email, "password": password, "csrfToken": token}),
                                 {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 303, f"sign-in failed: {status}"


def measure(client, path, count, headers=None):
    for _ in range(5):
        client.request("GET", path, headers=headers)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        status, _ = client.request("GET", path, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200, f"{path} answered {status}"
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], times[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("database")
    parser.add_argument("token")
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()

    db = sqlite3.connect(args.database)
    area = db.execute("SELECT id FROM areas WHERE slug = 'riverside'").fetchone()[0]
    member = db.execute("SELECT p.id FROM people p JOIN organisations o ON o.id = p.organisation_id "
                        "WHERE p.area_id = ? AND o.kind = 'parent-carer-forum' ORDER BY p.sort_name LIMIT 1 OFFSET 300", (area,)).fetchone()[0]
    group = db.execute("SELECT id FROM groups WHERE area_id = ? AND name = 'Forum Liaison Meeting'", (area,)).fetchone()[0]
    agreement = db.execute("SELECT id FROM agreements WHERE area_id = ? ORDER BY starts_on LIMIT 1", (area,)).fetchone()[0]
    # A demo liaison meeting with its agenda, papers, attendance and every rule checked.
    meeting = db.execute("SELECT m.id FROM meetings m JOIN papers p ON p.meeting_id = m.id WHERE m.area_id = ? AND m.status = 'scheduled' "
                         "ORDER BY m.meets_on DESC LIMIT 1", (area,)).fetchone()[0]
    service = db.execute("SELECT s.id FROM services s JOIN engagement_activities a ON a.service_id = s.id WHERE s.area_id = ? "
                         "GROUP BY s.id ORDER BY COUNT(*) DESC LIMIT 1", (area,)).fetchone()[0]
    assessment = db.execute("SELECT id FROM self_assessments WHERE area_id = ? AND subject_kind = 'organisation' "
                            "ORDER BY reporting_year DESC, subject_name LIMIT 1", (area,)).fetchone()[0]
    totals = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
              for table in ["areas", "people", "audit_events", "complaints", "meetings", "agenda_items", "meeting_attendance",
                            "meeting_rule_results", "engagement_activities", "engagement_activity_organisations", "self_assessments",
                            "self_assessment_answers"]}
    print("Data: " + ", ".join(f"{count:,} {table.replace('_', ' ')}" for table, count in totals.items()))

    client = Client(args.base)
    client.sign_in("amara.okafor@example.com", "coproduce-demo")
    pages = [
        ("Home (needs-attention checks)", "/"),
        ("People, first page", "/people"),
        ("People, page 15 of 16", "/people?page=15"),
        ("People, search any part of a name", "/people?q=son"),
        ("People, two words, forum, by organisation", "/people?q=an+ar&who=forum-members&order=organisation"),
        ("People in one group", f"/people?group={group}"),
        ("People, no volunteer agreement", "/people?who=no-volunteer-agreement"),
        ("People as CSV (the whole area)", "/people.csv"),
        ("Adding a member: find by name", f"/groups/{group}/members?find=son"),
        ("A forum member (audited read)", f"/people/{member}"),
        ("Organisations", "/organisations"),
        ("Groups: governance tree", "/groups"),
        ("A group with rule checks", f"/groups/{group}"),
        ("An agreement with its clauses", f"/agreements/{agreement}"),
        ("Agreements as CSV, clause by clause", "/agreements.csv"),
        ("Groups not meeting a promise", "/groups/promises"),
        ("Complaints", "/complaints"),
        ("Meetings, upcoming", "/meetings"),
        ("Meetings, past, page 10", "/meetings?when=past&page=10"),
        ("A meeting: agenda and rule results", f"/meetings/{meeting}"),
        ("A meeting's agenda pack", f"/meetings/{meeting}/pack"),
        ("A calendar file", f"/meetings/{meeting}/calendar"),
        ("Meetings with a promise at risk", "/meetings?needs=promises-at-risk"),
        ("Agreement health: the area's year", "/agreement-health"),
        ("Agreement health: one group", f"/agreement-health?group={group}"),
        ("Agreement health as CSV", "/agreement-health.csv"),
        ("Engagement activities, first page", "/engagement"),
        ("Engagement: participants not told", "/engagement?told=no"),
        ("Ladder profile: every year", "/engagement/ladder"),
        ("Ladder profile: one organisation", f"/engagement/ladder?organisation={db.execute('SELECT organisation_id FROM engagement_activity_organisations eo JOIN engagement_activities a ON a.id = eo.activity_id WHERE a.area_id = ? LIMIT 1', (area,)).fetchone()[0]}"),
        ("Ladder profile by organisation, CSV", "/engagement/ladder.csv?by=organisation"),
        ("A service with its profile", f"/services/{service}"),
        ("Self-evaluation, first page", "/self-evaluation"),
        ("An assessment, year on year", f"/self-evaluation/{assessment}"),
        ("An assessment's answers form", f"/self-evaluation/{assessment}/edit"),
        ("Annual co-production report", "/self-evaluation/report"),
    ]
    rows = [(label, path, *measure(client, path, args.requests)) for label, path in pages]

    admin = Client(args.base)
    admin.sign_in("pat.reid@riverside-council.example.org", "coproduce-demo")
    rows.append(("Audit log, page 40", "/admin/audit-log?page=40", *measure(admin, "/admin/audit-log?page=40", args.requests)))
    rows.append(("Audit log: people, last 30 days", "/admin/audit-log?kind=person&when=30-days",
                 *measure(admin, "/admin/audit-log?kind=person&when=30-days", args.requests)))
    rows.append(("Audit log as CSV (the whole area)", "/admin/audit-log.csv", *measure(admin, "/admin/audit-log.csv", args.requests)))
    rows.append(("E-mail: messages not sent", "/admin/email", *measure(admin, "/admin/email", args.requests)))

    api = Client(args.base)
    bearer = {"Authorization": f"Bearer {args.token}"}
    rows.append(("API: people, 200 a page, page 3", "/api/v1/people?perPage=200&page=3",
                 *measure(api, "/api/v1/people?perPage=200&page=3", args.requests, bearer)))
    rows.append(("API: people search", "/api/v1/people?q=son&sort=organisation",
                 *measure(api, "/api/v1/people?q=son&sort=organisation", args.requests, bearer)))

    rows.append(("API: activities, 200 a page", "/api/v1/engagement/activities?perPage=200",
                 *measure(api, "/api/v1/engagement/activities?perPage=200", args.requests, bearer)))
    rows.append(("API: ladder profile", "/api/v1/engagement/ladder/profile", *measure(api, "/api/v1/engagement/ladder/profile", args.requests, bearer)))

    print(f"\n{args.requests} requests each, one at a time, after 5 to warm up. Times in milliseconds.\n")
    print(f"| {'page':<38} | median | 95th | slowest |")
    print(f"| {'-' * 38} | ------ | ---- | ------- |")
    for label, _, median, p95, slowest in rows:
        print(f"| {label:<38} | {median:6.1f} | {p95:4.1f} | {slowest:7.1f} |")


if __name__ == "__main__":
    main()
