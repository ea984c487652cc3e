#!/usr/bin/env python3
"""Sends a running Coproduce server the hostile files and numbers of issue 8
while another client keeps asking /healthz, and checks that:

- every hostile request gets an answer (never a hang or a 5xx; a 503 from a full
  queue is retried, as a browser's person would, until the file is read),
- /healthz answers within a second the whole time,
- the server's memory stays under the limit (500 MB by default),
- the server is still running at the end.

Uses only the standard library. The files are made here, so none is stored:
a PDF of broken drawing operators that makes pdftotext write megabytes of
warnings, a Word zip bomb, a 19 MB text, Markdown that makes a backtracking
parser hang, and huge page numbers.

Prints one line per check and ends with "hostile: N passed, N failed".
"""
import argparse
import http.cookiejar
import io
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile

PASSWORD = "coproduce-demo"
EMAIL = "margaret.hale@riverside-council.example.org"  # the board viewer: the lowest role


def noisy_pdf():
    """About 600 KB: a page of 90,000 unknown operators, each a warning from pdftotext."""
    stream = b"BT /F1 12 Tf 72 712 Td (Hello there.) Tj ET\n" + b"1 2 zz\n" * 90000
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def word_bomb(megabytes):
    """A .docx whose document.xml unpacks to `megabytes` MB of text, packed into a few hundred KB."""
    head = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            chunk = b"a" * (1 << 20)
            for _ in range(megabytes):
                part.write(chunk)
    return buffer.getvalue()


def multipart(fields, file_field, file_name, data):
    boundary = "----coproduce-hostile-" + uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields.items():
        body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    if file_field:
        body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
                   f"Content-Type: application/octet-stream\r\n\r\n".encode())
        body.write(data)
        body.write(b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    return body.getvalue(), f"multipart/form-data; boundary={boundary}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    """A signed-in browser: cookies and the page's anti-forgery token."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.token = None

    def request(self, method, path, body=None, content_type=None, timeout=120):
        request = urllib.request.Request(self.base + path, data=body, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def get_token(self, path):
        status, body = self.request("GET", path)
        match = re.search(rb'name="csrfToken" value="([^"]+)"', body)
        if match:
            self.token = match.group(1).decode()
        return status

    def sign_in(self):
        self.get_token("/sign-in")
        form = urllib.parse.urlencode({"email": EMAIL, "password": PASSWORD, "csrfToken": self.token}).encode()
        status, _ = self.request("POST", "/sign-in", form, "application/x-www-form-urlencoded")
        if status != 303:
            raise SystemExit(f"hostile: could not sign in as {EMAIL} (status {status})")
        self.get_token("/plain-english")


class Watch(threading.Thread):
    """Asks /healthz every 100 ms and reads the server's memory, until stopped."""

    def __init__(self, base, pid):
        super().__init__(daemon=True)
        self.base = base
        self.pid = pid
        self.stop = threading.Event()
        self.slowest = 0.0
        self.failures = []
        self.peak_kb = 0

    def memory_kb(self):
        if not self.pid:
            return 0
        try:
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            return 0
        return 0

    def run(self):
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=5) as response:
                    if response.status != 200:
                        self.failures.append(f"status {response.status}")
            except Exception as error:  # a refused or timed-out health check is what this looks for
                self.failures.append(str(error))
            self.slowest = max(self.slowest, time.monotonic() - started)
            self.peak_kb = max(self.peak_kb, self.memory_kb())
            time.sleep(0.1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--pid", type=int, default=0, help="the server's process id, to read its memory")
    parser.add_argument("--memory-limit-mb", type=int, default=500)
    arguments = parser.parse_args()
    base = arguments.base.rstrip("/")

    passed = failed = 0

    def check(condition, message):
        nonlocal passed, failed
        if condition:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {message}")

    print("hostile: making the files...")
    files = [
        ("noisy.pdf", noisy_pdf()),
        ("bomb.docx", word_bomb(200)),
        ("huge.txt", b"The papers go out seven days before the meeting and nobody reads them until the night before " * 200_000),
        ("brackets.md", b"[" * 100_000 + b"![" * 50_000),
    ]

    session = Session(base)
    session.sign_in()
    # Signing in is not what is measured: each upload gets its own session first.
    uploads = [(name, data, Session(base)) for name, data in files for _ in range(2)]
    for _, _, own in uploads:
        own.sign_in()
    watch = Watch(base, arguments.pid)
    watch.start()
    answers = []
    lock = threading.Lock()

    def upload(name, data, own):
        body, content_type = multipart({"csrfToken": own.token, "text": "", "profile": "standard"}, "document", name, data)
        started = time.monotonic()
        busy = 0
        # A full queue answers 503 at once; the file is sent again until it is read, so every one is.
        while True:
            status, page = own.request("POST", "/plain-english", body, content_type, timeout=180)
            if status != 503 or time.monotonic() - started > 120:
                break
            busy += 1
            time.sleep(1)
        with lock:
            answers.append((name, status, time.monotonic() - started, page, busy))

    def api_calls():
        # Numbers that overflowed, and a NUL that was stored cut short.
        for query in ["page=9223372036854775807", "page=abc", "perPage=99999999999999999999", "page=-1"]:
            status, _ = session.request("GET", "/people?" + query)
            with lock:
                answers.append((f"/people?{query}", status, 0, b"", 0))

    threads = [threading.Thread(target=upload, args=upload_arguments) for upload_arguments in uploads]
    threads.append(threading.Thread(target=api_calls))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    elapsed = time.monotonic() - started
    time.sleep(0.5)
    watch.stop.set()
    watch.join()

    check(all(not thread.is_alive() for thread in threads), "a hostile request never got an answer")
    for name, status, seconds, page, busy in answers:
        # 422 with the reader's message, or 200 for a file read within its limits.
        check(status in (200, 422), f"{name}: status {status} after {seconds:.1f} s")
        if status == 422 and name.endswith(".docx"):
            check(b"unpacks to more than" in page, f"{name}: the page does not name the limit it met")
        if status == 422 and name.endswith(".txt"):
            check(b"more than 5 MB of text" in page, f"{name}: the page does not name the limit it met")
        print(f"hostile: {name}: {status} in {seconds:.1f} s" + (f", after {busy} busy answers (503)" if busy else ""))
    check(not watch.failures, f"/healthz failed while the files were read: {watch.failures[:3]}")
    check(watch.slowest < 1.0, f"/healthz took {watch.slowest:.2f} s at its slowest; it must answer within a second")
    if arguments.pid:
        check(watch.peak_kb < arguments.memory_limit_mb * 1024,
              f"the server used {watch.peak_kb // 1024} MB at its peak; the limit is {arguments.memory_limit_mb} MB")
    status, _ = session.request("GET", "/healthz")
    check(status == 200, "the server is not answering after the hostile files")
    print(f"hostile: {len(answers)} hostile requests in {elapsed:.1f} s; /healthz slowest {watch.slowest * 1000:.0f} ms; "
          f"server memory peak {watch.peak_kb // 1024} MB")
    print(f"hostile: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
