"""A second database connection for a report job, beside the one that reads the snapshot.

The report is read inside one REPEATABLE READ transaction so every table agrees with every other. Anything
written on that connection would only become visible at commit, so the progress bar would jump from 0 to 100.
Progress therefore goes through its own autocommit connection. The same connection holds a session advisory lock
on the report while it is built: a second delivery of the same job (a broker redelivery while the first worker
is still alive) sees the lock and leaves the work to the first. When a worker dies, its connections close and
PostgreSQL releases the lock, so the redelivered job can take it.
"""

import time

from django.db import connections

from reports.models import Report

# The first key of the two-key advisory lock: "reports" in this database's lock space.
LOCK_NAMESPACE = 7_207_001
# At most one progress write per this many seconds (plus the first and last), so a fast report is not slowed by
# hundreds of UPDATEs; the percentage shown is never more than this much behind.
PROGRESS_INTERVAL = 0.25


class JobConnection:
    """Use as a context manager; the connection (and with it the lock) is closed on exit."""

    def __init__(self, report_id, *, alias="default"):
        self.report_id = report_id
        self.connection = connections.create_connection(alias)
        self.locked = False
        self._percent = None
        self._written_at = 0.0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.connection.close()
        finally:
            self.locked = False

    def _execute(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() if cursor.description else None

    def try_lock(self) -> bool:
        """Take the report's build lock for this connection's session; False when another worker holds it."""
        (self.locked,) = self._execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, self.report_id])
        return self.locked

    def progress(self, done, total):
        """Record percent done (0-99 until the job is marked succeeded) when it changed and time has passed."""
        percent = min(99, int(done * 100 / total)) if total else 0
        now = time.monotonic()
        if percent == self._percent or (self._percent is not None and now - self._written_at < PROGRESS_INTERVAL):
            return
        self._execute(
            f"UPDATE {Report._meta.db_table} SET progress = %s WHERE id = %s AND status = 'running'",
            [percent, self.report_id],
        )
        self._percent = percent
        self._written_at = now
