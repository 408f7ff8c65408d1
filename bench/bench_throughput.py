"""Benchmark: requests per second under gunicorn, against a minimal Django view served by the same gunicorn.

    BENCH_FACTOR=1 .venv/bin/python bench/bench_throughput.py

Starts gunicorn (bench settings: DEBUG off, the portal's URLs plus /bench/minimal/) on 127.0.0.1 with
2 x cores + 1 sync workers, and drives it with wrk (Debian's package, installed when missing) on the same machine:
each URL for BENCH_SECONDS (default 10) with 8 connections after a short warm-up. The search URLs rotate over
realistic queries. The ratio says how close each URL comes to Django's own limit on this machine.
Target (performance issue): the eligibility API at least 40% of the minimal view's throughput.
"""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from common import ROOT, finish, prepare, staff_user

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 8
PORT = int(os.environ.get("BENCH_PORT", "8765"))
QUERIES = ["security", "cloud", "cnc machining", "machinng", "python", "welding", "robotics", "wireless"]


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("Installing Debian's wrk (the load generator).", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env, stdout=subprocess.DEVNULL)


def start_gunicorn():
    workers = 2 * (os.cpu_count() or 1) + 1
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{PORT}",
            f"--workers={workers}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench/minimal/", timeout=1)
            return process, workers
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{PORT} within 20 s.")


def rotating_script(path_template, cookie, htmx=False):
    """A wrk Lua script that cycles through the queries (and sends the session cookie, if any)."""
    paths = ", ".join(f'"{path_template.format(q=q.replace(" ", "+"))}"' for q in QUERIES)
    lines = [f"paths = {{{paths}}}", "i = 0", "request = function()", "  i = i % #paths + 1"]
    if cookie:
        lines.append(f'  wrk.headers["Cookie"] = "sessionid={cookie}"')
    if htmx:
        lines.append('  wrk.headers["HX-Request"] = "true"')
    lines += ["  return wrk.format(nil, paths[i])", "end"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write("\n".join(lines) + "\n")
    return handle.name


def run_wrk(path_template, *, cookie=None, htmx=False, seconds=SECONDS):
    script = rotating_script(path_template, cookie, htmx)
    base = f"http://127.0.0.1:{PORT}"
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout=30s", "-s", script, base]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    Path(script).unlink()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {p: _ms(v) for p, v in re.findall(r"^\s+(50|90|99)%\s+(\S+)", output, re.M)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    if timeouts:
        print(f"  {path_template}: {timeouts.group(1)} requests took longer than the 30 s timeout", flush=True)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return rps, latency, int(errors.group(1)) if errors else 0, requests


def _ms(text):
    value = float(re.match(r"[\d.]+", text).group(0))
    return value * {"us": 0.001, "ms": 1, "s": 1000}[re.search(r"[a-z]+$", text).group(0)]


def session_cookie():
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    user = staff_user()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def main():
    prepare()
    ensure_wrk()
    cookie = session_cookie()
    process, workers = start_gunicorn()
    try:
        targets = [
            ("minimal Django view (reference)", "/bench/minimal/?q={q}", None, False),
            ("eligibility API /api/credentials/?search=", "/api/credentials/?search={q}", None, False),
            ("eligibility search page /credentials/?q=", "/credentials/?q={q}", None, False),
            ("eligibility search, htmx partial", "/credentials/?q={q}", None, True),
            ("partnership list (staff)", "/partnerships/?page=1", cookie, False),
        ]
        for _name, path, who, htmx in targets[:2]:
            run_wrk(path, cookie=who, htmx=htmx, seconds=2)  # warm the workers and the database cache
        results = [(name, *run_wrk(path, cookie=who, htmx=htmx)) for name, path, who, htmx in targets]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    print(f"gunicorn, {workers} sync workers, wrk 2 threads x {CONNECTIONS} connections, {SECONDS} s per URL")
    print(f"{'measured':<44}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}  target")
    reference = results[0][1]
    ok_all = []
    for name, rps, latency, errors, requests in results:
        ratio = rps / reference if reference else 0
        target, ok = "", None
        if name.startswith("eligibility API"):
            target, ok = ">=40% of minimal", ratio >= 0.4
        verdict = "" if ok is None else ("met" if ok else "NOT met")
        note = f" ({errors} errors)" if errors else ""
        print(
            f"{name:<44}{requests:>9}{rps:>9.0f}{latency.get('50', 0):>9.1f}{latency.get('99', 0):>9.1f}"
            f"{ratio:>7.0%}  {target} {verdict}{note}".rstrip()
        )
        ok_all.append(ok is not False and not errors)
    print("(ratio: share of the minimal view's requests per second)")
    status = finish()
    return status or (0 if all(ok_all) else 1)


if __name__ == "__main__":
    raise SystemExit(main())
