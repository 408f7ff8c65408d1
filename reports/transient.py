"""Errors that mean "try again shortly": a dropped database connection or an unreachable broker.

Anything else is a fault in the report itself, and retrying it would only fail again.
"""

import kombu.exceptions
import psycopg2
import redis.exceptions
from django.db import InterfaceError, OperationalError

TRANSIENT_ERRORS = (
    OperationalError,
    InterfaceError,
    psycopg2.OperationalError,
    psycopg2.InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    kombu.exceptions.OperationalError,
)
