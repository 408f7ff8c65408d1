"""pytest fixtures shared by every app's tests (registered in the root conftest.py).

- `people`: one user of each kind for permission matrices.
- `reference_data`: the regions, counties, clusters and roles, for tests whose database is flushed.
- `celery_worker`: a real Celery worker process on Redis, working on the test database.
- `browser`, `page`: Playwright driving the system Chromium against pytest-django's live_server.
"""

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from core import reference
from core.testing.access import People
from core.testing.factories import (
    TEST_PASSWORD,
    AdminUserFactory,
    EmployerUserFactory,
    ProviderUserFactory,
    StaffUserFactory,
)

BASE_DIR = Path(settings.BASE_DIR)
OUTPUT_DIR = BASE_DIR / "test-output"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Factories set a password on every user; the production hasher would take most of a second each time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Each test its own cache keys in the real Redis: remembered searches, rate limits and double-submit guards of
    one test never meet another's rows (the database is rolled back between tests; Redis is not)."""
    caches = {name: dict(options) for name, options in settings.CACHES.items()}
    for options in caches.values():
        options["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture
def people(db):
    return People(
        admin=AdminUserFactory(email="admin@example.test"),
        staff=StaffUserFactory(email="staff@example.test"),
        employer=EmployerUserFactory(email="employer@example.test", organization__name="Owning Employer"),
        other_employer=EmployerUserFactory(email="other@example.test", organization__name="Other Employer"),
        provider=ProviderUserFactory(email="provider@example.test"),
    )


@pytest.fixture
def reference_data(db):
    reference.load(apps)


def database_url_for_tests():
    """The URL of the test database, for processes started by tests (a Celery worker)."""
    db = connection.settings_dict
    credentials = db["USER"] or ""
    if db.get("PASSWORD"):
        credentials += f":{db['PASSWORD']}"
    host = db["HOST"] or ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    at = "@" if credentials or host else ""
    return f"postgres://{credentials}{at}{host}{port}/{db['NAME']}"


class WorkerProcess:
    """A Celery worker started as its own process; `kill()` ends it at once, as a crash would."""

    def __init__(self, name, queue=None):
        self.name = name
        # The portal's own queue unless a test needs a worker that serves something else on the same Redis.
        self.queue = queue or settings.CELERY_TASK_DEFAULT_QUEUE
        self.node = f"{name}@{os.uname().nodename}"
        self.process = None

    def start(self, timeout=60):
        from celery import current_app

        env = dict(
            os.environ,
            DATABASE_URL=database_url_for_tests(),
            REDIS_URL=settings.REDIS_URL,
            CELERY_QUEUE=settings.CELERY_TASK_DEFAULT_QUEUE,
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
        )
        log = open(OUTPUT_DIR / f"{self.name}.log", "w")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-P",
                "prefork",
                "-c",
                "1",
                "-Q",
                self.queue,
                "-n",
                self.node,
                "--without-gossip",
                "--without-mingle",
                "-l",
                "info",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The Celery worker exited at start; see {log.name}")
            if current_app.control.ping(destination=[self.node], timeout=0.5):
                return self
        raise RuntimeError(f"The Celery worker did not answer within {timeout} s; see {log.name}")

    def kill(self):
        """End the worker and its pool at once (SIGKILL to the process group), as a crashed machine would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, 9)
            self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def celery_worker_factory(transactional_db):
    """Start real Celery workers (as many as a test needs) against the test database; all stop at teardown.
    `start(queue=...)` starts one consuming another queue than the portal's (as a `make run` worker would)."""
    from celery import current_app

    OUTPUT_DIR.mkdir(exist_ok=True)
    current_app.control.purge()
    workers = []

    def start(queue=None):
        worker = WorkerProcess(f"test-worker-{uuid.uuid4().hex[:8]}", queue=queue).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def celery_worker(celery_worker_factory):
    return celery_worker_factory()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM}: apt-get install -y chromium")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, reference_data, request):
    """A fresh browser tab on the live server; its screenshots go to test-output/<test name>/."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.output_dir = OUTPUT_DIR / re.sub(r"[^\w.-]+", "_", request.node.name)
    tab.output_dir.mkdir(parents=True, exist_ok=True)
    yield tab
    context.close()


def screenshot(page, name, *, full_page=True):
    """Save a PNG of the page under the test's output folder and return its path."""
    path = page.output_dir / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def log_in(page, email, password=TEST_PASSWORD):
    """Log in through the real login form."""
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def pick(page, label, typed, option):
    """Choose `option` in the type-ahead picker labelled `label` (core.widgets): type, wait for it, click it."""
    page.get_by_role("combobox", name=label).press_sequentially(typed, delay=20)
    page.get_by_role("option", name=option).click()


def picker_options(client, url, **params):
    """The labels of the options a picker's choices view answers for `params`, in order."""
    text = client.get(url, params).content.decode()
    return re.findall(r'data-choice-label="([^"]*)"', text)
