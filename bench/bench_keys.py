"""Key-to-screen latency on the review screen: Chromium driving gunicorn, as a reviewer would.

For each action, 20 times on different segments: the time from the key's keydown event to the
frame after the DOM changed (a segment swapped in, or the focus moved), measured inside the page
on one clock (event.timeStamp and performance.now). Printed beside the j/k baseline (no request:
what the browser alone costs) and beside the server's own time for the same requests (gunicorn's
access log, %(D)s), so a slow figure says whether the server or the client is the cause.
Target: p95 < 100 ms for save, approve and marking a label.

Run: .venv/bin/python bench/bench_keys.py [--reps 20] [--each]
"""

import math
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = os.environ.get("REDLINE_CHROMIUM", "/usr/bin/chromium")
TARGET_MS = 100
REPS = int(sys.argv[sys.argv.index("--reps") + 1]) if "--reps" in sys.argv else 20

# Installed once per page: the keydown's time, then the first DOM change or focus move after it,
# then the next animation frame (the change is on screen).
# window.__measured(n) resolves once more than n latencies are in: the script waits on it without
# polling. (Playwright's wait_for_function polls on every animation frame, which keeps Chromium
# drawing frames through the whole request: CPU the server's workers then lack on a 2-core
# machine, and that a reviewer's idle browser does not spend.)
PROBE = """() => {
  window.__lat = [];
  const waiting = [];
  window.__measured = (n) => new Promise((resolve, reject) => {
    if (window.__lat.length > n) return resolve();
    waiting.push(resolve);
    setTimeout(() => reject(new Error("no screen change within 10 s")), 10000);
  });
  let pending = null;
  const finish = () => {
    if (!pending) return;
    const started = pending;
    pending = null;
    requestAnimationFrame(() => {
      window.__lat.push(performance.now() - started);
      waiting.splice(0).forEach((resolve) => resolve());
    });
  };
  document.addEventListener("keydown", (e) => { pending = e.timeStamp; }, true);
  new MutationObserver(finish).observe(document.getElementById("segments"), { childList: true, subtree: true });
  document.addEventListener("focusin", (e) => { if (e.target.classList.contains("segment")) finish(); });
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def environment(database: Path) -> dict:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-keys-not-a-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": f"sqlite:///{database}",
        "OPENBLAS_NUM_THREADS": "1",
    }


def prepare(env: dict) -> None:
    manage = [PYTHON, "manage.py"]
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_seeds"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(
        [*manage, "create_demo_users", "--i-know-this-is-not-production"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def largest_document(env: dict) -> int:
    code = (
        "from corpus.models import Document;"
        "print(max(Document.objects.all(), key=lambda d: d.segment_count).pk)"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True
    )
    return int(out.stdout.split()[-1])


def server_times(log: Path) -> dict[str, list[float]]:
    """Milliseconds per kind of request, from gunicorn's access log (%(D)s is microseconds)."""
    kinds = {"save": r"POST /segments/\d+/edit/", "approve": r"POST /segments/\d+/approve/"}
    kinds["label"] = r"POST /segments/\d+/spans/"
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    for line in log.read_text().splitlines():
        for kind, pattern in kinds.items():
            if re.search(pattern, line):
                times[kind].append(int(line.rsplit(" ", 1)[-1]) / 1000)
    return times


def run_browser(base: str, document: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    flags = ["--headless", "--no-sandbox", "--disable-gpu"]
    results: dict[str, list[float]] = {"j/k": [], "save": [], "approve": [], "label": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
        # wait_for_function evaluates strings, which the page's script policy forbids.
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        page = context.new_page()
        page.goto(base + "/accounts/login/")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", "redline-demo")
        page.click("button[type=submit]")
        page.wait_for_url("**/")
        page.goto(f"{base}/documents/{document}/")
        page.wait_for_selector("#findings-summary")
        page.evaluate(PROBE)
        ids = page.eval_on_selector_all("#segments .segment", "els => els.map(e => e.id)")
        assert len(ids) >= 2 * REPS + 1, "the document needs more segments on its first page"

        def timed(action) -> float:
            before = page.evaluate("window.__lat.length")
            action()
            page.evaluate("n => window.__measured(n)", before)
            value = page.evaluate("window.__lat[window.__lat.length - 1]")
            page.wait_for_timeout(60)  # let the settle and focus restore finish
            return value

        def focus(segment_id: str) -> None:
            page.locator("#" + segment_id).focus()
            page.wait_for_timeout(30)

        for i in range(REPS):
            segment = ids[i]
            focus(ids[i + 1])
            results["j/k"].append(timed(lambda: page.keyboard.press("k")))
            # A label: the word cursor on the segment's first word, then the key.
            focus(segment)
            page.keyboard.press("Home")
            results["label"].append(timed(lambda: page.keyboard.press("1")))
            page.wait_for_function(f"!!document.querySelector('#{segment} .chip-label')")
            # Save: open the editor (not timed), change the text, Ctrl+Enter.
            focus(segment)
            page.keyboard.press("e")
            page.wait_for_function(f"document.activeElement.id === 'text-{segment[4:]}'")
            page.keyboard.press("End")
            page.keyboard.type(" x")
            results["save"].append(timed(lambda: page.keyboard.press("Control+Enter")))
            page.wait_for_function(f"!document.querySelector('#{segment} textarea')")
            # Approve another segment: one's own edit needs another reviewer's approval.
            other = ids[REPS + i]
            focus(other)
            results["approve"].append(timed(lambda: page.keyboard.press("a")))
            page.wait_for_function(f"!!document.querySelector('#{other}.status-approved')")
        browser.close()
    return results


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="redline-bench-keys-"))
    env = environment(workdir / "bench.sqlite3")
    prepare(env)
    document = largest_document(env)
    port = free_port()
    log = workdir / "access.log"
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            str(log),
            "--access-logformat",
            "%(r)s %(s)s %(D)s",
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://localhost:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        results = run_browser(base, document)
    finally:
        server.terminate()
        server.wait()
    servers = server_times(log)
    baseline = p95(results["j/k"])
    print(f"key to screen, gunicorn (2 workers) + Chromium, {REPS} repetitions each (ms)")
    print(f"{'action':8} {'p50':>7} {'p95':>7} {'x j/k':>7} {'server p95':>11}  target p95")
    for name, values in results.items():
        server = f"{p95(servers[name]):11.1f}" if servers.get(name) else f"{'-':>11}"
        ok = "" if name == "j/k" else ("ok" if p95(values) < TARGET_MS else "MISSED")
        print(
            f"{name:8} {statistics.median(values):7.1f} {p95(values):7.1f} "
            f"{p95(values) / baseline:7.1f} {server}  {'' if name == 'j/k' else '< 100'} {ok}"
        )
    if "--each" in sys.argv:  # every repetition, in order (a slow first one per worker shows)
        for name, values in results.items():
            print(f"{name:8} key to screen: {' '.join(f'{v:.0f}' for v in values)}")
            if servers.get(name):
                print(f"{name:8} server:        {' '.join(f'{v:.0f}' for v in servers[name])}")


if __name__ == "__main__":
    main()
