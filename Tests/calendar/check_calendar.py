"""Reads Coproduce's calendar files with a real iCalendar parser (the
`icalendar` package): one meeting's file, and a person's calendar address,
which must work without signing in and stop working when renewed.

Run against a server holding the demonstration area:
    python3 Tests/calendar/check_calendar.py --base http://127.0.0.1:8089
"""
import argparse
import datetime
import html
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from zoneinfo import ZoneInfo

import icalendar

EMAIL = "amara.okafor@example.com"
PASSWORD = "coproduce-demo"
LONDON = ZoneInfo("Europe/London")


class Session:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.headers, response.read()

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(urllib.request.Request(self.base + path, data=data), timeout=30) as response:
            return response.status, response.read().decode()

    def csrf(self, page):
        match = re.search(r'name="csrfToken" value="([^"]+)"', page)
        return html.unescape(match.group(1))


def fetch_anonymously(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    base = parser.parse_args().base
    failures = []
    checks = []

    def check(condition, message):
        checks.append(message)
        if not condition:
            failures.append(message)
            print(f"FAIL calendar: {message}")

    session = Session(base)
    _, _, page = session.get("/sign-in")
    session.post("/sign-in", {"email": EMAIL, "password": PASSWORD, "csrfToken": session.csrf(page.decode())})

    # One meeting's file.
    _, _, listing = session.get("/meetings")
    meeting = re.search(r'href="(/meetings/[0-9A-Fa-f-]{36})"', listing.decode()).group(1)
    status, headers, body = session.get(meeting + "/calendar")
    check(status == 200 and headers.get("Content-Type", "").startswith("text/calendar"), "a meeting's file is served as text/calendar")
    check(body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b""), "lines end with CRLF")
    check(all(len(line) <= 75 for line in body.split(b"\r\n")), "no line is longer than 75 octets")
    calendar = icalendar.Calendar.from_ical(body)
    events = [part for part in calendar.walk("VEVENT")]
    check(len(events) == 1, "a meeting's file holds one event")
    check(len(calendar.walk("VTIMEZONE")) == 1, "the file defines Europe/London")
    event = events[0]
    start = event.decoded("DTSTART")
    check(isinstance(start, datetime.datetime) and start.utcoffset() == start.replace(tzinfo=LONDON).utcoffset(),
          "the start is on the UK clock, with the offset London has that day")
    check(str(event.get("UID", "")).endswith("@coproduce"), "the event has a stable UID")
    check(event.get("SEQUENCE") is not None and event.get("DTSTAMP") is not None, "the event has a sequence and a stamp")

    # A calendar address: made, read without a sign-in, then renewed.
    _, _, settings = session.get("/account/calendar")
    _, made = session.post("/account/calendar", {"csrfToken": session.csrf(settings.decode())})
    address = html.unescape(re.search(r'<span class="break-anywhere">([^<]+)</span>', made).group(1))
    feed_path = urllib.parse.urlparse(address).path
    status, headers, body = fetch_anonymously(base + feed_path)
    check(status == 200, f"the calendar address works without signing in (got {status})")
    feed = icalendar.Calendar.from_ical(body)
    uids = [str(event["UID"]) for event in feed.walk("VEVENT")]
    check(len(uids) > 5 and len(set(uids)) == len(uids), f"the address lists the person's meetings once each ({len(uids)})")
    summer = [event for event in feed.walk("VEVENT") if event.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=1)]
    winter = [event for event in feed.walk("VEVENT") if event.decoded("DTSTART").utcoffset() == datetime.timedelta(0)]
    check(summer and winter, "meetings in British Summer Time and in winter both keep their UK clock times")
    check(all(event.decoded("DTSTART").utcoffset() == event.decoded("DTSTART").replace(tzinfo=LONDON).utcoffset()
              and 9 <= event.decoded("DTSTART").hour <= 14 for event in summer + winter),
          "summer and winter meetings start at the UK clock time the group set, with London's offset on the day")
    cancelled = [event for event in feed.walk("VEVENT") if str(event.get("STATUS")) == "CANCELLED"]
    check(len(cancelled) >= 1, "a cancelled meeting is marked CANCELLED")

    _, _, settings = session.get("/account/calendar")
    session.post("/account/calendar", {"csrfToken": session.csrf(settings.decode())})
    status, _, _ = fetch_anonymously(base + feed_path)
    check(status == 404, f"a renewed address's old link stops working (got {status})")
    status, _, _ = fetch_anonymously(base + "/calendar/not-a-real-secret.ics")
    check(status == 404, f"a wrong secret is not found (got {status})")

    passed = len(checks) - len(failures)
    print(f"calendar: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
