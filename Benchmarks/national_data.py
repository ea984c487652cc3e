#!/usr/bin/env python3
"""Fills a Coproduce SQLite database (already migrated, with the demo area
loaded) up to national size: 153 local areas, each with about 760 people
(720 of them forum members), 20 groups, 1,000 meetings (3 agenda items and
10 people's attendance each), 100 complaints, 2 agreements, 2,000 audit
events, 12 services, three years of engagement activities (1,000 a year, each
with 3 organisations and 2 groups reached) and of self-evaluations (each
organisation and service a year, 12 statements ticked and 2 actions each). The demo area Riverside is grown to the same size, so
benchmarks can sign in with the demo accounts.

Usage: national_data.py DATABASE [--areas 153]
"""
import argparse
import datetime
import random
import sqlite3
import time
import uuid

FIRST = ["Amara", "Jo", "Priya", "Sam", "Dani", "Lee", "Grace", "Tom", "Nadia", "Chris", "Helen", "Mark", "Ruth",
         "Owen", "Ian", "Louise", "Neil", "Fiona", "Kate", "Martin", "Sarah", "Ben", "Olivia", "Callum", "Mia",
         "Gemma", "Rachel", "Aisha", "Tariq", "Zofia", "Kwame", "Siobhan", "Rhys", "Eilidh", "Yusuf", "Hana"]
LAST = ["Okafor", "Whitfield", "Raman", "Hughes", "Kowalski", "Morgan", "Adeyemi", "Baxter", "Hussain", "Palmer",
        "Carter", "Ellis", "Singh", "Davies", "Fletcher", "Grant", "Shah", "Osei", "Lowe", "Jenkins", "Ahmed",
        "Reed", "Fraser", "Chen", "Watts", "Moore", "Khan", "Nowak", "Mensah", "Byrne", "Evans", "Campbell"]
CADENCES = ["monthly", "every-six-weeks", "every-two-months", "quarterly"]
# The 7-rung ladder of seed 001, lowest first: key, name, meaning.
RUNGS = [("coercion", "Coercion"), ("educating", "Educating"), ("informing", "Informing"), ("consultation", "Consultation"),
         ("engagement", "Engagement"), ("co-design", "Co-design"), ("co-production", "Co-production")]
METHODS = ["survey", "workshop", "focus-group", "meeting", "one-to-one", "co-design-group", "event", "online-discussion"]
REACHED = ["fathers", "ethnic-minorities", "english-additional-language", "children-in-care", "young-carers", "low-income", "rural"]
STATUSES = ["received", "being-investigated", "responded", "closed"]


def uid():
    return str(uuid.uuid4()).upper()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--areas", type=int, default=153)
    args = parser.parse_args()
    rng = random.Random(2026)
    db = sqlite3.connect(args.database)
    now = time.time()
    started = time.time()

    areas = [row[0] for row in db.execute("SELECT id FROM areas")]
    for number in range(len(areas), args.areas):
        area = uid()
        db.execute("INSERT INTO areas (id, slug, name, created_at) VALUES (?, ?, ?, ?)", (area, f"area-{number:03d}", f"Area {number:03d}", now))
        areas.append(area)

    counts = {"people": 0, "audit_events": 0, "complaints": 0, "group_memberships": 0, "meetings": 0, "agenda_items": 0, "meeting_attendance": 0,
              "meeting_rule_results": 0, "engagement_activities": 0, "self_assessments": 0}
    # The frameworks as the demo area stored them, copied to every area so assessments read against the same words.
    frameworks = list(db.execute("SELECT key, name, definition FROM self_evaluation_frameworks WHERE area_id = "
                                 "(SELECT id FROM areas WHERE slug = 'riverside')"))
    import json
    statement_keys = {key: [st["key"] for idea in json.loads(definition)["keyIdeas"] for st in idea["statements"]] for key, _, definition in frameworks}
    today = datetime.date.today()
    first_day = datetime.date(2026, 1, 5)
    for index, area in enumerate(areas):
        existing = {kind: oid for oid, kind in db.execute("SELECT id, kind FROM organisations WHERE area_id = ?", (area,))}
        organisations = []
        for kind, name in [("parent-carer-forum", "Parent Carer Forum"), ("local-authority", "Council"), ("nhs-commissioner", "Integrated Care Board"),
                           ("provider", "Community Health"), ("provider", "Short Breaks"), ("provider", "Therapies"), ("school", "Academy"), ("school", "College")]:
            if kind in existing and kind != "provider" and kind != "school":
                organisations.append((existing[kind], kind))
                continue
            oid = uid()
            full = f"Area {index:03d} {name} {rng.randint(1, 9999)}"
            db.execute("INSERT INTO organisations (id, area_id, name, sort_name, kind, email, phone, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                       (oid, area, full, full.lower(), kind, f"contact{index}@example.org", None, now, now))
            organisations.append((oid, kind))
        forum = next(oid for oid, kind in organisations if kind == "parent-carer-forum")
        others = [oid for oid, kind in organisations if kind != "parent-carer-forum"]

        people = []
        rows = []
        for n in range(760):
            pid = uid()
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}"
            organisation = forum if n < 720 else rng.choice(others)
            job = "Forum member" if n < 720 else "Officer"
            # search_text is the name and job title folded as Coproduce folds them (SearchText.fold); these names are plain ASCII.
            rows.append((pid, area, organisation, name, name.lower(), f"{name} {job}".lower(), job,
                         f"p{index}-{n}@example.com", None, rng.choice(["asian", "black", "mixed", "white", "other", None]), None, None, now, now))
            people.append((pid, organisation == forum))
        db.executemany("INSERT INTO people (id, area_id, organisation_id, full_name, sort_name, search_text, job_title, email, phone, ethnic_group, disabled, main_language, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        counts["people"] += len(rows)

        forum_people = [pid for pid, member in people if member]
        staff = [pid for pid, member in people if not member]
        representatives = forum_people[:60]
        db.executemany("INSERT INTO volunteer_agreements (id, area_id, person_id, signed_on, expires_on, created_at) VALUES (?,?,?,?,?,?)",
                       [(uid(), area, pid, "2026-01-15", "2027-01-14" if n % 5 else "2026-06-01", now) for n, pid in enumerate(representatives)])

        groups = []
        for g in range(20):
            gid = uid()
            name = f"Partnership group {g:02d}"
            db.execute("INSERT INTO groups (id, area_id, name, sort_name, purpose, cadence, reports_to_id, created_at) VALUES (?,?,?,?,?,?,?,?)",
                       (gid, area, name, name.lower(), "To plan services together.", rng.choice(CADENCES), groups[0] if groups else None, now))
            groups.append(gid)
            members = rng.sample(representatives, 4) + rng.sample(staff, 6)
            db.executemany("INSERT INTO group_memberships (id, group_id, person_id, role, makes_decisions, created_at) VALUES (?,?,?,?,?,?)",
                           [(uid(), gid, pid, "chair" if m == 0 else "member", m % 2, now) for m, pid in enumerate(members)])
            counts["group_memberships"] += len(members)

            # 50 meetings a group, weekly from January 2026: about a year past and a year ahead in all.
            meetings, items, attendance = [], [], []
            area_meetings = area_meetings if g else []
            for m in range(50):
                mid = uid()
                day = first_day + datetime.timedelta(days=14 * m + g % 5)
                held = day < datetime.date.today()
                meetings.append((mid, area, gid, None, day.isoformat(), "10:00", "12:00", "Town Hall, Room 1", None, m % 4 != 0,
                                 members[0], members[5], members[6], "cancelled" if m % 23 == 7 else "scheduled", None, 0,
                                 now if held else None, now, now))
                for position, (title, purpose) in enumerate([("Complaints about any partner", "discussion"), ("Short breaks review", "decision"),
                                                             ("Progress report", "information")]):
                    items.append((uid(), mid, position + 1, title, purpose, "Tell us what families say." if position != 2 else None, 20,
                                  members[position], "accepted", None, None, "Benchmark officer", now))
                if m % 23 != 7:
                    area_meetings.append((mid, gid, day))
                if held:
                    attendance += [(uid(), mid, pid, None, "attended" if (k + m) % 6 else "apologies", k % 2 == 0) for k, pid in enumerate(members)]
            db.executemany("INSERT INTO meetings (id, area_id, group_id, series_id, meets_on, starts_at, ends_at, venue, online_link, refreshments, "
                           "chair_id, contact_id, officer_id, status, cancelled_reason, sequence, attendance_recorded_at, created_at, updated_at) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", meetings)
            db.executemany("INSERT INTO agenda_items (id, meeting_id, position, title, purpose, forum_ask, minutes, lead_id, status, deferred_from, "
                           "deferred_to, proposed_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", items)
            db.executemany("INSERT INTO meeting_attendance (id, meeting_id, person_id, organisation_id, status, makes_decisions) VALUES (?,?,?,?,?,?)",
                           attendance)
            counts["meetings"] += len(meetings)
            counts["agenda_items"] += len(items)
            counts["meeting_attendance"] += len(attendance)

        for a in range(2):
            aid = uid()
            db.execute("INSERT INTO agreements (id, area_id, title, starts_on, ends_on, review_on, created_at) VALUES (?,?,?,?,?,?,?)",
                       (aid, area, f"Partnership agreement {a}", f"202{4 + a}-09-01", None, "2027-09-01", now))
            db.executemany("INSERT INTO agreement_partners (id, agreement_id, organisation_id) VALUES (?,?,?)",
                           [(uid(), aid, oid) for oid, _ in organisations[:3]])
            db.executemany("INSERT INTO clauses (id, agreement_id, position, number, text, kind, rule_kind, notice_days) VALUES (?,?,?,?,?,?,?,?)",
                           [(uid(), aid, c + 1, f"6.{c}", "Papers go out 7 days before the meeting.", "rule", "papers-notice-days", 7) for c in range(17)])

        # The morning check's kept results: every rule of both agreements for each meeting from a year back to four weeks ahead.
        clauses = [row[0] for row in db.execute("SELECT c.id FROM clauses c JOIN agreements a ON a.id = c.agreement_id WHERE a.area_id = ?", (area,))]
        results = []
        for mid, gid, day in area_meetings:
            if not (today - datetime.timedelta(days=365) <= day <= today + datetime.timedelta(days=28)):
                continue
            for c, clause in enumerate(clauses):
                if day >= today:
                    result = "at-risk" if (c + day.day) % 5 == 0 else "not-yet-due"
                else:
                    result = ["met", "met", "met", "not-met", "met"][(c + day.toordinal()) % 5]
                results.append((uid(), area, mid, gid, clause, day.isoformat(), result, "Papers went out 8 days before the meeting.", now))
        db.executemany("INSERT INTO meeting_rule_results (id, area_id, meeting_id, group_id, clause_id, meets_on, result, evidence, checked_at) "
                       "VALUES (?,?,?,?,?,?,?,?,?)", results)
        counts["meeting_rule_results"] += len(results)

        db.executemany("INSERT INTO complaints (id, area_id, about_organisation_id, received_on, summary, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                       [(uid(), area, rng.choice(others), f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}", "Papers arrived late.",
                         rng.choice(STATUSES), now, now) for _ in range(100)])
        counts["complaints"] += 100

        add_engagement(db, rng, area, organisations, groups, staff, area_meetings, frameworks, statement_keys, counts, now, today)

        db.executemany("INSERT INTO audit_events (id, area_id, actor_account_id, actor_name, action, subject_type, subject_id, subject_label, detail, occurred_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                       [(uid(), area, None, "Benchmark officer", "read", "person", pid, "Someone", None, now - rng.randint(0, 365 * 86400))
                        for pid in rng.sample(forum_people, 720) * 3][:2000])
        counts["audit_events"] += 2000
    db.commit()
    db.execute("ANALYZE")
    db.close()
    print(f"Filled {len(areas)} areas: " + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items())
          + f" in {time.time() - started:.0f} seconds.")


def add_engagement(db, rng, area, organisations, groups, staff, area_meetings, frameworks, statement_keys, counts, now, today):
    """Services, three years of activities on the 7-rung ladder, and self-evaluations with action plans."""
    ladder = db.execute("SELECT id FROM engagement_ladders WHERE area_id = ? AND key = 'participation-7'", (area,)).fetchone()
    if ladder:
        ladder = ladder[0]
        rungs = [row[0] for row in db.execute("SELECT id FROM engagement_rungs WHERE ladder_id = ? ORDER BY position", (ladder,))]
    else:
        ladder = uid()
        db.execute("INSERT INTO engagement_ladders (id, area_id, key, name, source, created_at) VALUES (?,?,?,?,?,?)",
                   (ladder, area, "participation-7", "Ladder of participation (7 rungs)", "Seed 001", now))
        rungs = [uid() for _ in RUNGS]
        db.executemany("INSERT INTO engagement_rungs (id, ladder_id, position, key, name, meaning, standard_level) VALUES (?,?,?,?,?,?,?)",
                       [(rid, ladder, n, key, name, f"What {name.lower()} means.", n + 1) for n, (rid, (key, name)) in enumerate(zip(rungs, RUNGS))])
        db.execute("INSERT INTO engagement_settings (id, area_id, ladder_id, days_to_tell, updated_at) VALUES (?,?,?,?,?)", (uid(), area, ladder, 30, now))

    services = []
    for n in range(12):
        sid = uid()
        name = f"Service {n:02d} {rng.randint(1, 9999)}"
        db.execute("INSERT INTO services (id, area_id, name, sort_name, kind, lead_organisation_id, summary, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                   (sid, area, name, name.lower(), ["service", "strategy", "commissioning", "project"][n % 4], organisations[n % 3][0], None, now, now))
        services.append(sid)

    activities, links, reach, meeting_links = [], [], [], []
    start_year = today.year - 3 if today.month >= 4 else today.year - 4
    for year in range(3):
        first = datetime.date(start_year + 1 + year, 4, 1)
        for n in range(1000):
            aid = uid()
            starts = first + datetime.timedelta(days=n * 365 // 1000)
            ends = starts + datetime.timedelta(days=rng.choice([0, 0, 14, 28]))
            planned = rng.randint(3, 6)
            achieved = None if ends >= today else max(0, min(6, planned + rng.choice([-2, -1, -1, 0, 0, 0, 1]) + year))
            told = None if achieved is None or rng.random() < 0.25 else (ends + datetime.timedelta(days=20)).isoformat()
            activities.append((aid, area, ladder, f"Engagement activity {year}-{n}", starts.isoformat(), ends.isoformat() if ends != starts else None,
                               ends.isoformat(), starts.year if starts.month >= 4 else starts.year - 1, rng.choice(services + [None]),
                               rng.choice(METHODS), rungs[planned], rungs[achieved] if achieved is not None else None,
                               rng.randint(0, 80), rng.randint(0, 20), rng.randint(0, 10), "Families said the wait was too long.",
                               "The service changed its letters." if told else None, told, "Newsletter" if told else None, now, now))
            for oid, _ in rng.sample(organisations, 3):
                links.append((uid(), aid, oid))
            for group in rng.sample(REACHED, 2):
                reach.append((uid(), aid, group))
            if n % 10 == 0 and area_meetings:
                meeting_links.append((uid(), aid, rng.choice(area_meetings)[0]))
    db.executemany("INSERT INTO engagement_activities (id, area_id, ladder_id, title, starts_on, ends_on, finished_on, reporting_year, service_id, "
                   "method, planned_rung_id, achieved_rung_id, parent_carers, children_and_young_people, professionals, participants_said, "
                   "what_changed, told_on, how_told, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", activities)
    db.executemany("INSERT INTO engagement_activity_organisations (id, activity_id, organisation_id) VALUES (?,?,?)", links)
    db.executemany("INSERT INTO engagement_activity_reach (id, activity_id, reached) VALUES (?,?,?)", reach)
    db.executemany("INSERT INTO engagement_activity_meetings (id, activity_id, meeting_id) VALUES (?,?,?)", meeting_links)
    counts["engagement_activities"] += len(activities)

    if not frameworks:
        return
    stored = {key: row[0] for key, row in ((key, db.execute("SELECT id FROM self_evaluation_frameworks WHERE area_id = ? AND key = ?", (area, key)).fetchone())
                                           for key, _, _ in frameworks) if row}
    for key, name, definition in frameworks:
        if key not in stored:
            stored[key] = uid()
            db.execute("INSERT INTO self_evaluation_frameworks (id, area_id, key, name, definition, created_at) VALUES (?,?,?,?,?,?)",
                       (stored[key], area, key, name, definition, now))
    assessments, answers, actions = [], [], []
    subjects = [("organisation", oid, f"Organisation {oid[:4]}") for oid, _ in organisations] + [("service", sid, f"Service {sid[:4]}") for sid in services]
    for year in range(3):
        for kind, subject, label in subjects:
            framework = "co-production-self-assessment" if kind == "organisation" else "four-cornerstones"
            exists = db.execute("SELECT 1 FROM self_assessments WHERE framework_id = ? AND subject_id = ? AND reporting_year = ?",
                                (stored[framework], subject, start_year + 1 + year)).fetchone()
            if exists:
                continue
            asid = uid()
            assessments.append((asid, area, stored[framework], kind, subject, label, start_year + 1 + year, ["red", "amber", "green"][min(2, year + rng.randint(-1, 1))],
                                f"{start_year + 1 + year}-10-01", "Benchmark officer", now, now))
            for statement in rng.sample(statement_keys[framework], min(12, len(statement_keys[framework]))):
                answers.append((uid(), asid, statement, 1, "Seen at the liaison meeting."))
            for n in range(2):
                due = datetime.date(start_year + 2 + year, 1, 15 + n * 10)
                actions.append((uid(), area, asid, "Hold evening meetings", rng.choice(staff), due.isoformat(), "Book the hub",
                                "done" if due < today and n == 0 else "under-way", None, now, now))
    db.executemany("INSERT INTO self_assessments (id, area_id, framework_id, subject_kind, subject_id, subject_name, reporting_year, rating, "
                   "assessed_on, recorded_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", assessments)
    db.executemany("INSERT INTO self_assessment_answers (id, assessment_id, statement_key, ticked, evidence) VALUES (?,?,?,?,?)", answers)
    db.executemany("INSERT INTO action_plan_actions (id, area_id, assessment_id, what, owner_id, due_on, how, status, progress, created_at, updated_at) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?)", actions)
    counts["self_assessments"] += len(assessments)


if __name__ == "__main__":
    main()
