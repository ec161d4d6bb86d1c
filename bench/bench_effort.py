"""Effort: keys and clicks to repair the seeds' artefacts on the review screen, beside typing the
same repairs in a plain editor (issue 14's target: at most a twentieth).

What is repaired: every artefact of ``tests/annotate/qa/seed_artefacts.jsonl`` that is labelled
with a certain repair (its ``correct`` text). Each repair is the labelled segment's change,
located in the seed file: the expected document is the seed file with all of them applied.

Review screen (counted): Chromium logged in as ``admin``, starting on the corpus page. Per
document: one click opens it. The repairs are done check by check: one click on the check in the
document's findings summary filters the page to it; then, where the screen has finding
navigation (``n``), ``n`` until the finding to fix has the focus and ``f`` (which moves on to the
next finding), else ``j`` to its segment, ``Tab`` to the finding and ``f``. A repair for which no
offered fix (nor a pair of fixes, as for a sentence split across two segments) gives the
labelled text is typed: ``e``, ``Ctrl+A``, the corrected segment, ``Ctrl+Enter``. Every key press
counts one (a chord such as Ctrl+Enter counts one), every click one; logging in does not count.

Plain editor (computed): the seed file in an editor without soft wrap, keyboard only, no search,
caret at the start of the file. Repairs are made top to bottom. Moving the caret: ``↓``/``↑``
one per line; on the target line the cheapest of starting where the caret is, ``Home`` (1) or
``End`` (1); along the line the cheapest mix of ``Ctrl+→``/``Ctrl+←`` (one per word start
passed, words being ``\\w+`` runs) and ``→``/``←`` (one per character). The change itself: one
``Delete`` per removed character, one key per typed character. Opening the files costs nothing.

Both sides end in the same text: the script checks that every document's text on the server
(leading + each segment's text and trailing whitespace) equals the expected document.

Run: .venv/bin/python bench/bench_effort.py [--port N] [--server-root DIR] [--shots DIR]
(--server-root runs the server from another checkout, e.g. main, to measure the screen before a
change; the server gets a fresh SQLite database with the seeds and the demo logins.)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "annotate" / "qa" / "seed_artefacts.jsonl"
SEEDS = ROOT / "seeds"
CHROMIUM = os.environ.get("REDLINE_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu"]
TARGET = 1 / 20
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Repair:
    start: int  # in the seed file
    end: int
    text: str  # what replaces file[start:end]
    check: str


def repairs() -> dict[str, list[Repair]]:
    """The labelled certain repairs per seed file, as changes of the file's text."""
    found: dict[str, list[Repair]] = {}
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        raw = (SEEDS / row["doc"]).read_text(encoding="utf-8")
        at = raw.find(row["text"])
        assert at >= 0 and raw.find(row["text"], at + 1) < 0, f"not once in {row['doc']}"
        for artefact in row["artefacts"]:
            if "correct" not in artefact:
                continue
            old, new = row["text"], artefact["correct"]
            head = 0
            while head < min(len(old), len(new)) and old[head] == new[head]:
                head += 1
            tail = 0
            while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
                tail += 1
            change = Repair(
                at + head, at + len(old) - tail, new[head : len(new) - tail], artefact["check"]
            )
            found.setdefault(row["doc"], []).append(change)
    return {doc: sorted(changes, key=lambda r: r.start) for doc, changes in found.items()}


def applied(text: str, changes: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(changes, reverse=True):
        text = text[:start] + new + text[end:]
    return text


# -- the plain editor ---------------------------------------------------------------------------


def along(line: str, a: int, b: int) -> int:
    """Keys to move the caret from column a to column b of one line."""
    if a == b:
        return 0
    starts = [m.start() for m in WORD.finditer(line)] + [len(line)]
    if b > a:
        passed = [s for s in starts if a < s <= b]
        beyond = [s for s in starts if s > b][:1]
        best = b - a
        if passed:
            best = min(best, len(passed) + b - passed[-1])
        if beyond:
            best = min(best, len(passed) + 1 + beyond[0] - b)
        return best
    passed = [s for s in starts if b <= s < a]
    before = [s for s in starts if s < b][-1:]
    best = a - b
    if passed:
        best = min(best, len(passed) + passed[0] - b)
    if before:
        best = min(best, len(passed) + 1 + b - before[0])
    return best


def caret_keys(text: str, frm: int, to: int) -> int:
    lines = text.split("\n")
    bounds, at = [], 0
    for line in lines:
        bounds.append(at)
        at += len(line) + 1

    def where(pos: int) -> tuple[int, int]:
        row = max(i for i, b in enumerate(bounds) if b <= pos)
        return row, pos - bounds[row]

    (r1, c1), (r2, c2) = where(frm), where(to)
    line = lines[r2]
    if r1 == r2:
        return along(line, c1, c2)
    return abs(r2 - r1) + min(
        along(line, min(c1, len(line)), c2), 1 + along(line, 0, c2), 1 + along(line, len(line), c2)
    )


def plain_editor_keys(raw: str, changes: list[Repair]) -> int:
    keys, caret, text, shift = 0, 0, raw, 0
    for change in changes:
        start, end = change.start + shift, change.end + shift
        keys += caret_keys(text, caret, start) + (end - start) + len(change.text)
        text = text[:start] + change.text + text[end:]
        caret = start + len(change.text)
        shift += len(change.text) - (change.end - change.start)
    return keys


# -- the server ---------------------------------------------------------------------------------


def start_server(root: Path, port: int, db: Path) -> subprocess.Popen:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{db}"}
    python = str(ROOT / ".venv" / "bin" / "python")
    if not Path(python).exists():
        python = sys.executable
    for command in (["migrate", "-v0"], ["load_seeds"], ["create_demo_users"]):
        subprocess.run(
            [python, "manage.py", *command], cwd=root, env=env, check=True, capture_output=True
        )
    server = subprocess.Popen(
        [python, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not start")


@dataclass
class Seg:
    id: int
    text: str
    trailing: str
    offset: int  # in the document's text


def read_document(db: Path, name: str) -> tuple[int, str, list[Seg]]:
    with sqlite3.connect(db) as c:
        doc_id, leading = c.execute(
            "select id, leading from corpus_document where original_name = ?", (name,)
        ).fetchone()
        rows = c.execute(
            "select id, text, trailing from corpus_segment where document_id = ? order by position",
            (doc_id,),
        ).fetchall()
    segs, at = [], len(leading)
    for pk, text, trailing in rows:
        segs.append(Seg(pk, text, trailing, at))
        at += len(text) + len(trailing)
    return doc_id, leading + "".join(s.text + s.trailing for s in segs), segs


@dataclass(frozen=True)
class Fix:
    segment: int
    check: str
    start: int  # in the document's text
    end: int
    fix: str
    title: str  # the fix button's title: how the finding is found on the page


def fixes(db: Path, doc_id: int, segs: list[Seg]) -> list[Fix]:
    by_id = {s.id: s for s in segs}
    with sqlite3.connect(db) as c:
        rows = c.execute(
            'select segment_id, check_id, start, "end", fix from annotate_finding where '
            "dismissed = 0 and fix is not null and document_id = ?",
            (doc_id,),
        ).fetchall()
    found = []
    for pk, check, start, end, fix in rows:
        seg = by_id[pk]
        title = f"Replace \u201c{seg.text[start:end]}\u201d with \u201c{fix}\u201d"
        found.append(Fix(pk, check, seg.offset + start, seg.offset + end, fix, title))
    return sorted(found, key=lambda f: (f.start, f.end))


def plan(text: str, changes: list[Repair], offered: list[Fix]) -> list[list[Fix] | Repair]:
    """Per repair, the fixes (one, or two on either side of a seam) that give its text exactly;
    the repair itself when none do (it is typed)."""
    steps: list[list[Fix] | Repair] = []
    for change in changes:
        near = [f for f in offered if f.start <= change.end + 2 and f.end >= change.start - 2]
        chosen: list[Fix] | Repair = change
        for size in (1, 2):
            for group in combinations(near, size):
                lo = min([change.start, *(f.start for f in group)])
                hi = max([change.end, *(f.end for f in group)])
                want = applied(text[lo:hi], [(change.start - lo, change.end - lo, change.text)])
                got = applied(text[lo:hi], [(f.start - lo, f.end - lo, f.fix) for f in group])
                if got == want and not isinstance(chosen, list):
                    chosen = list(group)
            if isinstance(chosen, list):
                break
        steps.append(chosen)
    return steps


# -- the review screen --------------------------------------------------------------------------


@dataclass
class Counter:
    keys: int = 0
    clicks: int = 0
    log: list[str] = field(default_factory=list)

    def press(self, page, key: str) -> None:
        self.keys += 1
        page.keyboard.press(key)

    def click(self, page, selector: str) -> None:
        self.clicks += 1
        page.click(selector)


def active_matches(page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement?.matches(s) || false", selector)


def finding_selector(fix: Fix) -> str:
    title = fix.title.replace("\\", "\\\\").replace('"', '\\"')
    return f'#seg-{fix.segment} li.finding:has(> form button[data-key="f"][title="{title}"])'


def apply_on_screen(page, count: Counter, fix: Fix, navigable: bool, limit: int = 400) -> None:
    target = finding_selector(fix)
    page.wait_for_selector(target)
    if navigable:
        while not active_matches(page, target):
            count.press(page, "n")
            if count.keys > limit:
                raise SystemExit(f"n never reached {fix}")
    else:
        while not active_matches(page, f"#seg-{fix.segment}"):
            if active_matches(page, f"#seg-{fix.segment} *"):
                page.focus(f"#seg-{fix.segment}")  # the focus came back inside the segment
                continue
            count.press(page, "j")
            if count.keys > limit:
                raise SystemExit(f"j never reached {fix}")
        while not active_matches(page, target):
            count.press(page, "Tab")
    count.press(page, "f")
    page.wait_for_selector(target, state="detached")
    page.wait_for_timeout(150)  # the swap settles and the focus moves


def type_on_screen(page, count: Counter, segment: Seg, corrected: str, navigable: bool) -> None:
    while not active_matches(page, f"#seg-{segment.id}"):
        count.press(page, "j")
    count.press(page, "e")
    page.wait_for_selector(f"#seg-{segment.id} textarea")
    count.press(page, "Control+a")
    count.keys += len(corrected)
    page.keyboard.type(corrected)
    count.press(page, "Control+Enter")
    page.wait_for_selector(f"#seg-{segment.id} textarea", state="detached")


def drive(base: str, db: Path, shots: Path | None) -> tuple[Counter, dict[str, bool]]:
    from playwright.sync_api import sync_playwright

    count = Counter()
    verified = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        page.goto(base + "/accounts/login/")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", "redline-demo")
        page.click("button[type=submit]")
        page.wait_for_url("**/")
        page.click('a:text-is("Seeds")')  # the corpus page is where counting starts
        corpus_url = page.url
        for name, changes in repairs().items():
            if page.url != corpus_url:
                count.click(page, "nav.crumbs a >> nth=1")  # back to the corpus page
            doc_id, _, _ = read_document(db, name)
            count.click(page, f'a[href="/documents/{doc_id}/"]')
            page.wait_for_selector("#findings-summary")
            _, text, segs = read_document(db, name)  # checked when the page opened
            steps = plan(text, changes, fixes(db, doc_id, segs))
            navigable = (
                "next / previous finding" in page.inner_text("#keys", timeout=2000)
                if page.locator("#keys").count()
                else False
            )
            checks: dict[str, list] = {}
            for step in steps:
                key = step[0].check if isinstance(step, list) else "(typed)"
                checks.setdefault(key, []).append(step)
            for check, group in checks.items():
                if check != "(typed)":
                    count.click(page, f'#findings-summary a[href="?check={check}"]')
                    page.wait_for_selector("#findings-summary")
                    page.wait_for_load_state("networkidle")
                for step in group:
                    if isinstance(step, list):
                        for fix in sorted(step, key=lambda f: f.start):
                            apply_on_screen(page, count, fix, navigable)
                            if shots and not (shots / "effort-fix.png").exists():
                                page.screenshot(path=str(shots / "effort-fix.png"))
                    else:
                        seg = next(
                            s for s in segs if s.offset <= step.start < s.offset + len(s.text) + 1
                        )
                        local = applied(
                            seg.text, [(step.start - seg.offset, step.end - seg.offset, step.text)]
                        )
                        type_on_screen(page, count, seg, local, navigable)
            if shots:
                page.screenshot(path=str(shots / f"effort-{name[:3]}.png"), full_page=False)
            raw = (SEEDS / name).read_text(encoding="utf-8")
            expected = applied(raw, [(c.start, c.end, c.text) for c in changes])
            verified[name] = read_document(db, name)[1] == expected
        browser.close()
    return count, verified


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="the server's port (0: a free one)")
    parser.add_argument("--server-root", type=Path, default=ROOT)
    parser.add_argument("--shots", type=Path, help="save screenshots of the run here")
    args = parser.parse_args()
    plain = {
        name: plain_editor_keys((SEEDS / name).read_text(encoding="utf-8"), changes)
        for name, changes in repairs().items()
    }
    if not args.port:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    db = Path(tempfile.mkdtemp(prefix="redline-effort-")) / "effort.sqlite3"
    server = start_server(args.server_root.resolve(), args.port, db)
    try:
        if args.shots:
            args.shots.mkdir(parents=True, exist_ok=True)
        count, verified = drive(f"http://127.0.0.1:{args.port}", db, args.shots)
    finally:
        server.terminate()
        server.wait(10)
    total = sum(len(c) for c in repairs().values())
    screen = count.keys + count.clicks
    baseline = sum(plain.values())
    print(
        f"effort: {total} labelled certain repairs in {len(plain)} seed documents (server: {args.server_root})"
    )
    print(f"  review screen : {screen:5d} ({count.keys} key presses, {count.clicks} clicks)")
    print(
        f"  plain editor  : {baseline:5d} key presses ("
        + ", ".join(f"{n[:3]}: {k}" for n, k in plain.items())
        + ")"
    )
    ratio = screen / baseline
    print(
        f"  ratio         : {ratio:.3f} (1/{1 / ratio:.1f}); target <= {TARGET:.3f} (1/20): "
        + ("met" if ratio <= TARGET else "NOT met")
    )
    for name, ok in verified.items():
        print(
            f"  {name}: final text {'equals' if ok else 'DIFFERS from'} the labelled correct text"
        )
    return 0 if all(verified.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
