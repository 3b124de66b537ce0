#!/usr/bin/env python3
"""Opens ripple's HTML reports in a real browser: headless Chromium, no network.

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/browser.py [--keep DIR]

(run.sh runs it after reports.py; `make deps` installs Debian's chromium and
poppler-utils.) Only the standard library. Chromium is driven through the
DevTools protocol over --remote-debugging-pipe (file descriptors 3 and 4,
JSON messages ended by a NUL byte), so no websocket and no port is needed.

For each report (the two example places, Bedford of datasets/leading-places,
the hostile place, a place without ripples, and the summary across datasets/),
the test:

- loads the file:// page with the network cut off for anything else, and
  fails on any console error or warning, uncaught exception, log entry of
  level error, JavaScript dialog, or request for anything but the file itself;
- checks in the live page that it has no <script>, that its h1 shows the place
  name as written (for the hostile place: with its markup as text), that every
  SVG was laid out with a size, and that nothing is wider than the window;
- saves a 1200 x 2000 screenshot and checks it is not blank (the PNG is decoded
  here: enough distinct colours and enough non-white pixels);
- with print media emulated at the width of an A4 page's printable area,
  checks that no table, figure or card is wider than the page, and that the
  before | after pair is stacked (after below before; at 1200 px on screen the
  two sit side by side);
- prints to PDF (A4, the report's own print CSS) and checks the file is a PDF
  with A4 pages, a sensible number of them, and, when poppler's pdftoppm is
  installed, that no printed page is blank and none is more than half blank:
  each page is rendered at 30 dpi and its longest band of pixel rows without ink
  must be at most half the page (the last page, where the report simply ends, at
  most 85%: it must hold more than the footer alone, about 90% blank; so too the
  page where a place report's words end before the pictures it prints a page each,
  drawn for A4, each of which must fill its page as any other);
- at a phone's width (390 px, mobile) checks that the page does not scroll sideways:
  document.scrollWidth <= innerWidth, and no element sticks out of the window except
  inside a box that scrolls on its own (a table's .table-wrap).

When Chromium is not installed the test prints a TAP SKIP line saying so and
exits 77: run.sh reports it as skipped, never as passed. CHROMIUM=/path/to/chrome
picks another browser of the Chromium family (CHROMIUM=/nonexistent shows the skip).
With --keep DIR the screenshots and PDFs are kept there (to look at them).
"""
import base64
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

import harness
from harness import DATASETS, HOSTILE, QUIRKS, Fail, Place

SKIP = 77
A4_WIDTH_PX = (210 - 24) / 25.4 * 96   # printable width at the report's 12 mm side margins
MOST_BLANK = 0.5            # the longest band without ink on a printed page, as a share of it
LAST_PAGE_MOST_BLANK = 0.85  # the last page: more than the footer alone (about 90% blank)


def chromium_path():
    """$CHROMIUM when set (a path; not executable counts as not installed), else the first
    of chromium, chromium-browser, google-chrome on PATH."""
    if "CHROMIUM" in os.environ:
        p = os.environ["CHROMIUM"]
        return p if p and os.access(p, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


# ---- the DevTools protocol over a pipe -------------------------------------------

class Browser:
    """One headless Chromium; commands go over fd 3, replies and events come on fd 4."""

    def __init__(self, exe, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        args = [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--disable-default-apps", "--mute-audio",
                "--hide-scrollbars", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--window-size=1200,2000", "about:blank"]
        # the shell puts the two pipe ends on 3 and 4, where Chromium looks for them
        self.proc = subprocess.Popen(
            ["/bin/sh", "-c", 'exec "$@" 3<&%d 4>&%d' % (to_chrome_r, from_chrome_w), "sh"] + args,
            pass_fds=(to_chrome_r, from_chrome_w), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.time()
            if left <= 0:
                raise Fail("Chromium did not answer in time")
            r, _, _ = select.select([self.from_chrome], [], [], left)
            if not r:
                continue
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                err = self.proc.stderr.read().decode("utf-8", "replace") if self.proc.poll() is not None else ""
                raise Fail("Chromium closed the pipe: %s" % err[-300:])
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        mid = self.next_id
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == mid:
                if "error" in m:
                    raise Fail("%s: %s" % (method, m["error"].get("message")))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session, timeout=60):
        deadline = time.time() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method and e.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self._read_message(deadline))

    def pump(self, seconds):
        """Reads events for a while (late console messages, requests)."""
        deadline = time.time() + seconds
        try:
            while True:
                self.events.append(self._read_message(deadline))
        except Fail:
            pass

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_chrome)
        os.close(self.from_chrome)


# ---- images -----------------------------------------------------------------------------

def png_pixels(data):
    """(width, height, channels, rows of bytes) of an 8-bit RGB(A) or grey PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise Fail("not a PNG")
    pos, idat, w = 8, [], None
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = (int.from_bytes(body[0:4], "big"),
                                                   int.from_bytes(body[4:8], "big"), *body[8:13])
            if depth != 8 or interlace or ctype not in (0, 2, 4, 6):
                raise Fail("PNG kind not handled: depth %d colour type %d" % (depth, ctype))
            ch = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
        elif kind == b"IDAT":
            idat.append(body)
    raw = zlib.decompress(b"".join(idat))
    stride, rows, prev, i = w * ch, [], bytearray(w * ch), 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - ch] if x >= ch else 0
            b = prev[x]
            c = prev[x - ch] if x >= ch else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, ch, rows


def ink(data, step=3):
    """(distinct colours, share of pixels that are not near-white), sampling every step-th pixel."""
    w, h, ch, rows = png_pixels(data)
    colours, dark, total = set(), 0, 0
    for y in range(0, h, step):
        row = rows[y]
        for x in range(0, w, step):
            px = row[x * ch:x * ch + min(ch, 3)]
            colours.add(px)
            total += 1
            dark += min(px) < 235
    return len(colours), dark / max(total, 1)


# ---- one report --------------------------------------------------------------------------

PAGE_FACTS = r"""(() => {
  const wide = [];
  const limit = document.documentElement.clientWidth + 1;
  for (const e of document.querySelectorAll('table, figure, svg, .card, pre, p, h1, h2, h3, dl')) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > limit) wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
        (e.className && typeof e.className === 'string' ? '.' + e.className : '') + ' ' + Math.round(r.right));
  }
  const unsized = [];
  for (const s of document.querySelectorAll('svg')) {
    if (s.closest('.print-only')) continue;   // the pictures printed at the end: not on screen
    const r = s.getBoundingClientRect();
    if (!(r.width > 50 && r.height > 20)) unsized.push((s.id || s.getAttribute('class')) + ' ' + r.width + 'x' + r.height);
  }
  return JSON.stringify({
    title: document.title,
    h1: (document.querySelector('h1') || {}).textContent || '',
    scripts: document.scripts.length,
    svgs: document.querySelectorAll('svg').length,
    printPictures: document.querySelectorAll('section.print-pictures figure').length,
    unsized: unsized,
    wide: wide.slice(0, 5),
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    ready: document.readyState
  });
})()"""


# the before | after pair: the two halves' boxes, null when the report has none
PAIR_FACTS = r"""(() => {
  const h = [...document.querySelectorAll('figure.pair .pair-half')].map(e => e.getBoundingClientRect());
  if (h.length == 2) return JSON.stringify(h.map(r => [r.left, r.top, r.right, r.bottom]));
  // else the A4 picture of the two waves, one SVG whose panels are stacked (reports.py)
  return JSON.stringify(document.querySelector('figure[data-picture="pair"] svg') ? "one picture" : null);
})()"""


def pair_problem(boxes, stacked, summary=False):
    """None when the pair's two halves (left, top, right, bottom) sit as wanted: side by side
    (after right of before, tops level) or stacked (after below before, left edges level);
    or "one picture": the A4 picture of both waves, stacked inside one SVG (reports.py
    checks its two panels). A place report without either has no before | after figure;
    the summary across places has none."""
    if summary:
        return None if boxes is None else "the summary has a before | after figure"
    if boxes is None:
        return "no before | after figure"
    if boxes == "one picture":
        return None
    (l0, t0, r0, b0), (l1, t1, r1, b1) = boxes
    if stacked and not (t1 >= b0 - 1 and abs(l1 - l0) <= 1):
        return "the before | after halves are not stacked: %r" % boxes
    if not stacked and not (l1 >= r0 - 1 and abs(t1 - t0) <= 1):
        return "the before | after halves are not side by side: %r" % boxes
    return None


PHONE_WIDTH = 390
# what sticks out at a phone's width: elements whose right edge passes the window,
# not counting those inside a box that scrolls on its own (.table-wrap, pre)
PHONE_FACTS = r"""(() => {
  const wide = [];
  const limit = window.innerWidth + 1;
  for (const e of document.body.querySelectorAll('*')) {
    if (e.closest('.table-wrap') && !e.classList.contains('table-wrap')) continue;
    if (e.ownerSVGElement) continue;   // inside an <svg>, which clips to its own box
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > limit) wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(r.right));
  }
  return JSON.stringify({scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
                         wide: wide.slice(0, 5)});
})()"""


def blank_share(data):
    """The longest run of pixel rows with no ink, as a share of the page image's height:
    a page whose content stops halfway has a run of about half the page."""
    w, h, ch, rows = png_pixels(data)
    longest = run = 0
    for y in range(h):
        row = rows[y]
        inked = any(min(row[x * ch:x * ch + min(ch, 3)]) < 235 for x in range(w))
        run = 0 if inked else run + 1
        longest = max(longest, run)
    return longest / max(h, 1)


def open_report(browser, path, want_h1, work, tag):
    """Every check of one report; returns a list of (check name, problem or None)."""
    summary = want_h1.startswith("Ripple summary")   # no before | after figure there
    results = []
    url = "file://" + os.path.abspath(path)
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    browser.events = []
    try:
        for domain in ("Runtime", "Log", "Network", "Page"):
            browser.send(domain + ".enable", session=session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1200, "height": 2000, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
        nav = browser.send("Page.navigate", {"url": url}, session=session)
        if nav.get("errorText"):
            raise Fail("navigation failed: %s" % nav["errorText"])
        browser.wait_event("Page.loadEventFired", session)
        browser.pump(0.5)

        # what the page said and asked for while loading
        problems = []
        for e in browser.events:
            if e.get("sessionId") != session:
                continue
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                problems.append("console %s: %s" % (p["type"], " ".join(
                    str(a.get("value", a.get("description", ""))) for a in p.get("args", []))))
            elif m == "Runtime.exceptionThrown":
                problems.append("exception: %s" % p.get("exceptionDetails", {}).get("text"))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                problems.append("log %s: %s" % (p["entry"]["level"], p["entry"].get("text")))
            elif m == "Page.javascriptDialogOpening":
                problems.append("a dialog opened: %s" % p.get("message"))
            elif m == "Network.requestWillBeSent":
                u = p.get("request", {}).get("url", "")
                if u != url and not u.startswith("data:"):
                    problems.append("a request for %s" % u[:120])
        results.append(("%s: loads with no console error, exception or request but the file" % tag,
                        "; ".join(problems[:4]) or None))

        facts = json.loads(browser.send("Runtime.evaluate", {"expression": PAGE_FACTS, "returnByValue": True},
                                        session=session)["result"]["value"])
        problems = []
        if facts["ready"] != "complete":
            problems.append("document not complete: %s" % facts["ready"])
        if facts["scripts"]:
            problems.append("%d <script> in the live page" % facts["scripts"])
        if " ".join(facts["h1"].split()) != " ".join(want_h1.split()):
            problems.append("h1 is %r, want %r" % (facts["h1"][:100], want_h1[:100]))
        if facts["svgs"] == 0:
            problems.append("no SVG on the page")
        if facts["unsized"]:
            problems.append("SVG without a laid-out size: %s" % facts["unsized"][:3])
        results.append(("%s: the live page has its h1 as written, no script, every SVG laid out" % tag,
                        "; ".join(problems) or None))
        problems = []
        if facts["scrollWidth"] > facts["clientWidth"] + 1 or facts["wide"]:
            problems.append("wider than the 1200 px window (%d): %s" % (facts["scrollWidth"], facts["wide"]))
        results.append(("%s: nothing wider than a 1200 px window" % tag, "; ".join(problems) or None))
        pair = json.loads(browser.send("Runtime.evaluate", {"expression": PAIR_FACTS, "returnByValue": True},
                                       session=session)["result"]["value"])
        results.append(("%s: at 1200 px the before | after halves side by side" % tag, pair_problem(pair, False, summary)))

        # screenshot of the window
        shot = base64.b64decode(browser.send("Page.captureScreenshot", {"format": "png"},
                                             session=session)["data"])
        with open(os.path.join(work, tag + ".png"), "wb") as f:
            f.write(shot)
        colours, share = ink(shot)
        w, h, _, _ = png_pixels(shot)
        problem = None
        if (w, h) != (1200, 2000):
            problem = "screenshot is %dx%d, not 1200x2000" % (w, h)
        elif colours < 40 or share < 0.03:
            problem = "the screenshot looks blank: %d colours, %.1f%% ink" % (colours, 100 * share)
        results.append(("%s: 1200x2000 screenshot is not blank" % tag, problem))

        # a phone: 390 px wide, nothing scrolls sideways (tables scroll inside their own box)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": PHONE_WIDTH, "height": 844, "deviceScaleFactor": 1, "mobile": True},
                     session=session)
        browser.pump(0.3)
        phone = json.loads(browser.send("Runtime.evaluate", {"expression": PHONE_FACTS, "returnByValue": True},
                                        session=session)["result"]["value"])
        problem = None
        if phone["innerWidth"] != PHONE_WIDTH:
            problem = "the window is %d px wide, not %d" % (phone["innerWidth"], PHONE_WIDTH)
        elif phone["scrollWidth"] > phone["innerWidth"] or phone["wide"]:
            problem = "at %d px the page scrolls sideways (scrollWidth %d): %s" % (
                PHONE_WIDTH, phone["scrollWidth"], phone["wide"])
        results.append(("%s: at %d px wide no horizontal scroll" % (tag, PHONE_WIDTH), problem))
        pair = json.loads(browser.send("Runtime.evaluate", {"expression": PAIR_FACTS, "returnByValue": True},
                                       session=session)["result"]["value"])
        results.append(("%s: at %d px the before | after halves one above the other" % (tag, PHONE_WIDTH),
                        pair_problem(pair, True, summary)))

        # the printed page: print media at A4's printable width
        browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": int(A4_WIDTH_PX), "height": 1000, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
        facts = json.loads(browser.send("Runtime.evaluate", {"expression": PAGE_FACTS, "returnByValue": True},
                                        session=session)["result"]["value"])
        problem = None
        if facts["scrollWidth"] > facts["clientWidth"] + 1 or facts["wide"]:
            problem = "printed, the page is wider than A4 (%d px > %d px): %s" % (
                facts["scrollWidth"], facts["clientWidth"], facts["wide"])
        results.append(("%s: printed, no table or figure is wider than an A4 page" % tag, problem))
        pair = json.loads(browser.send("Runtime.evaluate", {"expression": PAIR_FACTS, "returnByValue": True},
                                       session=session)["result"]["value"])
        results.append(("%s: printed, the before | after halves one above the other" % tag,
                        pair_problem(pair, True, summary)))
        browser.send("Emulation.clearDeviceMetricsOverride", session=session)
        browser.send("Emulation.setEmulatedMedia", {"media": ""}, session=session)

        pdf = base64.b64decode(browser.send("Page.printToPDF", {
            "printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False},
            session=session, timeout=120)["data"])
        pdf_path = os.path.join(work, tag + ".pdf")
        with open(pdf_path, "wb") as f:
            f.write(pdf)
        results.append(("%s: prints to an A4 PDF" % tag,
                        pdf_problems(pdf, pdf_path, work, tag, facts["printPictures"])))
    except Fail as e:
        results.append(("%s: opens in Chromium" % tag, str(e)))
    finally:
        try:
            browser.send("Target.closeTarget", {"targetId": target}, timeout=20)
        except Fail:
            pass
    return results


def pdf_problems(pdf, path, work, tag, pictures=0):
    """pictures: the pictures a place report prints on pages of their own after its
    footer (section.print-pictures): the report's words end on the page before them,
    which is checked as a last page; each picture's page as any other."""
    if not pdf.startswith(b"%PDF-"):
        return "the print is not a PDF"
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    if pages < 1:
        return "the PDF has no page"
    if pages > 40:
        return "the PDF has %d pages" % pages
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    if not boxes or any(abs(float(w) - 595.3) > 2 or abs(float(h) - 841.9) > 2 for w, h in boxes):
        return "pages are not A4 portrait: %r" % boxes[:3]
    if not shutil.which("pdftoppm"):
        print("# %s: pdftoppm not installed (make deps): printed pages not checked for ink" % tag)
        return None
    prefix = os.path.join(work, tag + "-page")
    subprocess.run(["pdftoppm", "-r", "30", "-png", path, prefix], check=True, timeout=120)
    images = sorted(f for f in os.listdir(work) if f.startswith(tag + "-page") and f.endswith(".png"))
    if len(images) != pages:
        return "pdftoppm made %d pages of %d" % (len(images), pages)
    blank, empty = [], []
    for i, name in enumerate(images):
        with open(os.path.join(work, name), "rb") as f:
            data = f.read()
        colours, share = ink(data, step=1)
        if share < 0.005:
            blank.append(i + 1)
        gap = blank_share(data)
        print("# %s: printed page %d of %d: longest blank band %.0f%% of the page" % (tag, i + 1, pages, 100 * gap))
        # issue 19: no page more than half blank; the last page ends where the report
        # ends, so it may be emptier, but not a page for a few stray lines
        last = i + 1 == pages or (pictures and i + 1 == pages - pictures)
        if gap > (LAST_PAGE_MOST_BLANK if last else MOST_BLANK):
            empty.append("%d (%.0f%%)" % (i + 1, 100 * gap))
    if blank:
        return "printed page(s) %s blank" % blank
    if empty:
        return ("printed page(s) %s of %d more than half blank (the last more than %.0f%%)"
                % (", ".join(empty), pages, 100 * LAST_PAGE_MOST_BLANK))
    return None


def suite():
    keep = None
    if "--keep" in sys.argv:
        keep = os.path.abspath(sys.argv[sys.argv.index("--keep") + 1])
        os.makedirs(keep, exist_ok=True)
    ripple = harness.RIPPLE
    exe = chromium_path()
    if not exe:
        print("ok - browser: reports open in Chromium # SKIP chromium not installed: run make deps")
        return SKIP
    start = time.time()
    tmp = tempfile.mkdtemp(prefix="ripple-browser.")
    work = keep or tmp
    browser = None
    grp = harness.Group()
    try:
        reports = []
        for tag, folder in (("northamptonshire", os.path.join(DATASETS, "northamptonshire")),
                            ("stockton-on-tees", os.path.join(DATASETS, "stockton-on-tees")),
                            ("bedford", os.path.join(DATASETS, "leading-places", "bedford")),
                            ("hostile", HOSTILE), ("quirks", QUIRKS)):
            reports.append((tag, folder, "Ripple report: " + " ".join(Place(folder).name.split())))
        nplaces = len(subprocess.run([ripple, "batch", DATASETS, "--format", "csv", "--no-store"],
                                     capture_output=True, check=True).stdout.splitlines()) - 1
        reports.append(("summary", DATASETS, "Ripple summary: %d place%s" % (nplaces, "" if nplaces == 1 else "s")))
        for tag, source, _ in reports:
            p = subprocess.run([ripple, "report", source, "-o", os.path.join(work, tag + ".html")]
                               + (["--summary"] if tag == "summary" else []),
                               capture_output=True, timeout=300)
            if p.returncode != 0:
                raise Fail("ripple report %s: %s" % (tag, p.stderr.decode()[-200:]))
        browser = Browser(exe, os.path.join(tmp, "profile"))
        version = browser.send("Browser.getVersion").get("product", "?")
        for tag, _, h1 in reports:
            grp.results += [(name, why, None)
                            for name, why in open_report(browser, os.path.join(work, tag + ".html"), h1, work, tag)]
    except Fail as e:
        grp.results.append(("browser: set-up", str(e), None))
        version = "?"
    finally:
        if browser:
            browser.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return harness.report("browser", [grp], start, skips=False, tail=version,
                          suffix="; screenshots and PDFs kept in " + keep if keep else "")


if __name__ == "__main__":
    sys.exit(harness.main("browser", suite))
