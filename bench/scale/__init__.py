"""Scale data: years of a state's programs, generated fast with COPY, for benchmarks and load tests.

`seed_scale(factor=1)` writes, at factor 1, 50,000 organisations, 100,000 credentials, 200,000 credential
applications (about 500,000 lines, 350,000 awards and 1,000,000 claim lines), 2,000 sector partnerships with
members and half-yearly outcome reports, 200,000 work-based learning placements with about 1,000,000 time entries
and the incentive claimed for them, and 400,000 OEWS estimates (the size of a full BLS national file).

The values follow the program rules held on the rows: awards never pass the line's request, the round's
per-employer cap, the employer's fiscal-year cap or the round's budget; claim lines stay within the award, the
per-employee amount and the claim window; an employer files at most one claim a month; incentive credits are the
lesser of rate x wages and the per-learner cap, for learners of the maximum age or under, within the budget
period's cap.

Rows are written with PostgreSQL's COPY (text format) from an in-memory buffer, in chunks, with explicit ids taken
past each table's current maximum (the sequences are moved past them afterwards). Every scale row is recognisable
(organisations' and users' addresses under `scale.example`, categories `scale-*`, rounds `Scale round *`, BLS
areas `9xxxxxx`), so a second run removes the first run's rows before writing (`scale_clear`).
"""

from bench.scale.clear import scale_clear, scale_rows_exist
from bench.scale.constants import ROUND_PREFIX, SCALE_DOMAIN, VOLUMES
from bench.scale.seeder import seed_scale

__all__ = ["ROUND_PREFIX", "SCALE_DOMAIN", "VOLUMES", "scale_clear", "scale_rows_exist", "seed_scale"]
