#!/usr/bin/env python3
"""Signs in to the demo area as every role in a real headless Chromium,
visits every page it can reach by following links, submits each form empty
to see its error state, and checks every page with axe-core against WCAG 2.2
A and AA. Also checks the skip link works from the keyboard.

Prints one line per problem and ends with "N passed, N failed".
"""
import argparse
import os
import re
import sqlite3
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin, urlparse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import WebDriverException

PASSWORD = "coproduce-demo"
ACCOUNTS = {
    "area admin": "pat.reid@riverside-council.example.org",
    "forum officer": "amara.okafor@example.com",
    "forum representative": "sam.hughes@example.com",
    "partner officer": "helen.carter@riverside-council.example.org",
    "board viewer": "margaret.hale@riverside-council.example.org",
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# Forms that change things for good are never submitted by the crawler.
# Forms that remove something, sign out, or send e-mail are not posted.
UNSAFE_FORM = re.compile(r"/(delete|remove|sign-out|send)\b")


class Checker:
    def __init__(self, base, axe_source, screenshots, per_pattern):
        self.base = base.rstrip("/")
        self.axe_source = axe_source
        self.screenshots = screenshots
        self.per_pattern = per_pattern
        self.passed = 0
        self.failed = 0
        self.shot_patterns = set()
        # Roles are walked side by side, each in its own Chromium: counts and prints go one at a time.
        self.lock = threading.Lock()

    def driver(self, width=1280):
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         f"--window-size={width},900", "--lang=en-GB"]:
            options.add_argument(argument)
        service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        driver = webdriver.Chrome(service=service, options=options)
        if width < 500:
            # Headless Chromium will not make a window narrower than about 500 px: narrow pages are emulated.
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        return driver

    def fail(self, message):
        with self.lock:
            self.failed += 1
            print(f"FAIL {message}", flush=True)

    def ok(self):
        with self.lock:
            self.passed += 1

    def axe(self, driver, label):
        driver.execute_script(self.axe_source)
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
            ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
            WCAG_TAGS,
        )
        if result:
            for violation in result:
                self.fail(f"{label}: axe {violation['id']} ({violation['impact']}): {violation['help']} at {violation['nodes']}")
        else:
            self.ok()

    def structure(self, driver, label):
        """House rules every page keeps: one h1, a lang, a skip link, a title, labelled inputs."""
        problems = []
        if len(driver.find_elements(By.TAG_NAME, "h1")) != 1:
            problems.append("not exactly one h1")
        if not driver.find_element(By.TAG_NAME, "html").get_attribute("lang"):
            problems.append("no lang on html")
        if not driver.find_elements(By.CSS_SELECTOR, "a.skip-link[href='#main-content']"):
            problems.append("no skip link")
        if not driver.title.endswith("- Coproduce"):
            problems.append(f"title {driver.title!r}")
        for field in driver.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), select, textarea"):
            field_id = field.get_attribute("id")
            if not field_id or not driver.find_elements(By.CSS_SELECTOR, f"label[for='{field_id}']"):
                problems.append(f"input {field.get_attribute('name')} has no label")
        if problems:
            self.fail(f"{label}: " + "; ".join(problems))
        else:
            self.ok()

    def screenshot(self, driver, pattern, suffix=""):
        with self.lock:
            if not self.screenshots or (pattern + suffix) in self.shot_patterns:
                return
            self.shot_patterns.add(pattern + suffix)
        name = re.sub(r"[^a-z0-9]+", "-", pattern.lower()).strip("-") or "home"
        height = driver.execute_script("return document.documentElement.scrollHeight")
        width = driver.execute_script("return window.innerWidth")
        driver.set_window_size(max(width, 320), min(max(height, 600), 4000))
        driver.save_screenshot(os.path.join(self.screenshots, f"{name}{suffix}.png"))

    def sign_in(self, driver, email):
        driver.get(self.base + "/sign-in")
        driver.find_element(By.ID, "email").send_keys(email)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        submit(driver, driver.find_element(By.CSS_SELECTOR, "main button[type=submit]"))
        if urlparse(driver.current_url).path == "/sign-in":
            raise RuntimeError(f"could not sign in as {email}: {driver.title}")

    def check_page(self, driver, label, pattern):
        self.structure(driver, label)
        self.axe(driver, label)
        self.screenshot(driver, pattern)

    def crawl(self, role, email, submit_forms):
        driver = self.driver()
        try:
            self.sign_in(driver, email)
            seen_paths, per_pattern, queue = set(), {}, ["/"]
            while queue:
                path = queue.pop(0)
                if path in seen_paths:
                    continue
                seen_paths.add(path)
                pattern = UUID.sub(":id", path.split("?")[0])
                per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
                if per_pattern[pattern] > self.per_pattern:
                    continue
                driver.get(self.base + path)
                label = f"[{role}] {path}"
                if "Page not found" in driver.title or "There is a problem with the service" in driver.title:
                    self.fail(f"{label}: {driver.title}")
                    continue
                self.check_page(driver, label, pattern)
                for link in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
                    href = link.get_attribute("href")
                    parsed = urlparse(urljoin(self.base + path, href))
                    # Downloads (spreadsheets, calendars) are files, not pages.
                    if parsed.netloc != urlparse(self.base).netloc or parsed.path.startswith(("/api/", "/css/")) or parsed.path.endswith((".csv", ".ics")):
                        continue
                    target = parsed.path + (("?" + parsed.query) if parsed.query else "")
                    if target not in seen_paths:
                        queue.append(target)
                if submit_forms:
                    self.submit_empty_forms(driver, path, pattern, role)
            return len(seen_paths)
        finally:
            driver.quit()

    def submit_empty_forms(self, driver, path, pattern, role):
        """Posts each safe form with its fields cleared, to check the error state."""
        forms = [f for f in driver.find_elements(By.CSS_SELECTOR, "main form[method=post]")
                 if not UNSAFE_FORM.search(f.get_attribute("action") or "")]
        if not forms:
            return
        form = forms[0]
        for field in form.find_elements(By.CSS_SELECTOR, "input[type=text], input[type=email], input[type=tel], input[type=number], input[type=time], textarea"):
            field.clear()
        # The form's own button comes last: a person finder's Find button may come first.
        submit(driver, form.find_elements(By.CSS_SELECTOR, "button[type=submit]")[-1])
        if driver.title.startswith("Error: "):
            label = f"[{role}] {path} (errors)"
            self.check_page(driver, label, pattern + "-errors")
            # The error summary links must lead to a field on the page.
            for link in driver.find_elements(By.CSS_SELECTOR, ".error-summary a"):
                target = link.get_attribute("href").split("#")[-1]
                if not driver.find_elements(By.ID, target):
                    self.fail(f"{label}: error summary links to #{target}, which is not on the page")

    def keyboard(self):
        """The first Tab lands on the skip link, and following it moves focus to the content."""
        driver = self.driver()
        try:
            driver.get(self.base + "/sign-in")
            driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
            focused = driver.switch_to.active_element
            if "skip-link" not in (focused.get_attribute("class") or ""):
                self.fail("keyboard: the first Tab does not reach the skip link")
                return
            focused.send_keys(Keys.ENTER)
            time.sleep(0.2)
            if driver.switch_to.active_element.get_attribute("id") != "main-content":
                self.fail("keyboard: the skip link does not move focus to the main content")
                return
            self.ok()
        finally:
            driver.quit()

    def narrow(self, email):
        """Every kind of page at 320 px wide: nothing may scroll sideways (WCAG 1.4.10)."""
        driver = self.driver(width=320)
        try:
            self.sign_in(driver, email)
            # Every page the main navigation leads to, so a new part's pages are checked too, and the settings form.
            driver.get(self.base + "/")
            paths = ["/"] + [urlparse(link.get_attribute("href")).path for link in driver.find_elements(By.CSS_SELECTOR, "nav.service-nav a")]
            paths += ["/plain-english/settings"] if "/plain-english" in paths else []
            # And the first record each of those pages lists (a person, a meeting...), whose pages are the most varied.
            for path in list(paths):
                driver.get(self.base + path)
                records = [urlparse(link.get_attribute("href")).path for link in driver.find_elements(By.CSS_SELECTOR, "main table a, main ul.tree a")]
                paths += records[:1]
                # The pages a part's front page lists as its other views (a profile, a report).
                paths += [urlparse(link.get_attribute("href")).path for link in driver.find_elements(By.CSS_SELECTOR, "main ul.list a")]
            # A filtered list and a page of groups' broken promises, whose filters and tables are the widest.
            paths += ["/people?q=an&who=forum-members&order=organisation", "/organisations?q=river", "/groups/promises"]
            # The forms that ask a question first or find a person, and the password pages.
            paths += ["/sign-in/forgotten-password", "/admin/accounts/new"]
            paths += [p + suffix for p in paths if re.fullmatch(r"/agreements/[0-9a-fA-F-]{36}", p)
                      for suffix in ("/clauses/new", "/clauses/new?type=meeting-time-window", "/copy-clauses")][:3]
            paths += [p + "/members" for p in paths if re.fullmatch(r"/groups/[0-9a-fA-F-]{36}", p)][:1]
            # A self-evaluation's answers form, the longest form of all.
            paths += [p + "/edit" for p in paths if p.startswith("/self-evaluation/") and p.count("/") == 2 and p[17:18].isalnum() and len(p) > 40][:1]
            for path in dict.fromkeys(paths):
                driver.get(self.base + path)
                overflow = driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
                if overflow:
                    self.fail(f"[320px] {path}: the page scrolls sideways")
                else:
                    self.ok()
                self.screenshot(driver, path, "-320")
        finally:
            driver.quit()


    def password_link(self, database):
        """The page an e-mailed link opens, at full width and 320 px: asked for as a visitor would,
        its link read from the outbox's private column, since no mail is sent here."""
        query = "SELECT secret FROM outbox_emails WHERE to_address = ? AND secret IS NOT NULL"
        with sqlite3.connect(database) as db:
            earlier = {row[0] for row in db.execute(query, (ACCOUNTS["board viewer"],))}
        driver = self.driver()
        try:
            driver.get(self.base + "/sign-in/forgotten-password")
            driver.find_element(By.ID, "email").send_keys(ACCOUNTS["board viewer"])
            submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
            link = None
            # The server's job queue sends it within seconds.
            for _ in range(100):
                with sqlite3.connect(database) as db:
                    new = [row[0] for row in db.execute(query, (ACCOUNTS["board viewer"],)) if row[0] not in earlier]
                if new:
                    link = urlparse(new[0]).path
                    break
                time.sleep(0.2)
            if not link:
                self.fail("password link: no link was queued for a forgotten password")
                return
            for width in (1280, 320):
                if width < 500:
                    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
                driver.get(self.base + link)
                label = f"[{width}px] a password link"
                if "Choose a new password" not in driver.title:
                    self.fail(f"{label}: got {driver.title}")
                    continue
                self.check_page(driver, label, "/password/:link" + ("-320" if width == 320 else ""))
                if width == 320 and driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1"):
                    self.fail(f"{label}: the page scrolls sideways")
        finally:
            driver.quit()

    SAMPLE = (
        "Short breaks review\n\n"
        "The provision for this cohort was agreed by the board. PLEASE NOTE your EHCP will be reviewed at the "
        "annual review, and the SENCO will utilise the graduated approach in order to ensure that every child who "
        "suffers from anxiety is supported by the appropriate multi-agency team in a timely manner.\n"
        "- Click here to read the guide\n"
        "- Papers go out seven days before the meeting.\n"
    )

    def plain_english(self, email):
        """A checked text: the result page, with findings marked in place, at full width and at 320 px."""
        for width in (1280, 320):
            driver = self.driver(width=width)
            try:
                self.sign_in(driver, email)
                driver.get(self.base + "/plain-english")
                driver.find_element(By.ID, "text").send_keys(self.SAMPLE)
                submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
                label = f"[{width}px] plain English result"
                if "Plain English check" not in driver.title:
                    self.fail(f"{label}: got {driver.title}")
                    continue
                if not driver.find_elements(By.CSS_SELECTOR, "mark.finding-mark a[href^='#finding-']"):
                    self.fail(f"{label}: no marked findings")
                else:
                    self.ok()
                self.check_page(driver, label, "/plain-english/result" + ("-320" if width == 320 else ""))
                if width == 320:
                    if driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1"):
                        self.fail(f"{label}: the page scrolls sideways")
                    else:
                        self.ok()
            finally:
                driver.quit()


def submit(driver, button):
    """Clicks a submit button and waits for the next page: the click can return
    before the page has changed, and the old page would be checked instead."""
    driver.execute_script("window.coproduceOldPage = true")
    button.click()
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            if driver.execute_script("return window.coproduceOldPage === undefined && document.readyState === 'complete'"):
                return
        except WebDriverException:
            pass  # the page is changing under the script
        time.sleep(0.05)
    raise RuntimeError(f"no new page after submitting a form on {driver.current_url}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--axe", required=True)
    parser.add_argument("--screenshots", help="folder to save a screenshot of each kind of page")
    parser.add_argument("--per-pattern", type=int, default=5, help="pages checked for each kind of address")
    parser.add_argument("--database", help="the server's SQLite file, to read a password link from the outbox")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BROWSER_WORKERS", "2")), help="Chromium windows walking at once")
    args = parser.parse_args()
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
    checker = Checker(args.base, open(args.axe, encoding="utf-8").read(), args.screenshots, args.per_pattern)
    started = time.time()
    # Anonymous pages first, then every role.
    driver = checker.driver()
    try:
        for path in ["/sign-in", "/sign-in/forgotten-password", "/accessibility"]:
            driver.get(checker.base + path)
            checker.check_page(driver, f"[signed out] {path}", path)
    finally:
        driver.quit()
    checker.keyboard()

    def crawl(role, email):
        count = checker.crawl(role, email, submit_forms=(role == "area admin"))
        with checker.lock:
            print(f"{role}: visited {count} pages", flush=True)

    # The longest walks first, so the workers finish together. Chromium running axe is the
    # slow part and uses one core, so two walks side by side take little more than one.
    tasks = [lambda role=role, email=email: crawl(role, email) for role, email in ACCOUNTS.items()]
    tasks += [lambda: checker.narrow(ACCOUNTS["area admin"]), lambda: checker.plain_english(ACCOUNTS["area admin"])]
    if args.database:
        tasks.append(lambda: checker.password_link(args.database))
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        for future in [pool.submit(task) for task in tasks]:
            future.result()
    print(f"Browser suite took {time.time() - started:.0f} seconds.")
    print(f"browser: {checker.passed} passed, {checker.failed} failed")
    sys.exit(1 if checker.failed else 0)


if __name__ == "__main__":
    main()
