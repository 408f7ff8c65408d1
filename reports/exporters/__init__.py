"""The report kinds. Importing this package registers every kind in `registry`."""

from reports.exporters import (  # noqa: F401
    credential_round,
    labor_market,
    organisations,
    partnership_reports,
    workbased_learning,
)
from reports.exporters.base import Exporter, ReportRefused, registry

__all__ = ["Exporter", "ReportRefused", "registry"]
