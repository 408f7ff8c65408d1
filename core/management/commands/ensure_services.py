"""Checks that PostgreSQL and Redis answer, and creates the database when it is absent.

Run by `make run` and `make test` before anything else, so a missing service stops them with one clear sentence
instead of a traceback.
"""

import sys

import psycopg2
import redis
from django.conf import settings
from django.core.management.base import BaseCommand
from psycopg2 import sql

START_POSTGRES = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
START_REDIS = 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no'


class Command(BaseCommand):
    help = "Check PostgreSQL and Redis, and create the portal's database if it does not exist."

    def handle(self, *args, **options):
        database = settings.DATABASES["default"]
        address = f"{database.get('HOST') or 'local socket'}:{database.get('PORT') or 5432}"
        params = {
            "dbname": "postgres",
            "user": database.get("USER") or None,
            "password": database.get("PASSWORD") or None,
            "host": database.get("HOST") or None,
            "port": database.get("PORT") or None,
            "connect_timeout": 5,
        }
        try:
            connection = psycopg2.connect(**{k: v for k, v in params.items() if v is not None})
        except psycopg2.OperationalError:
            self._stop(
                f"PostgreSQL is not answering at {address}; start it with `{START_POSTGRES}` "
                "or point DATABASE_URL at a running server."
            )
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database["NAME"])))
                self.stdout.write(f"Created database {database['NAME']}.")
        connection.close()

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3, socket_timeout=3).ping()
        except redis.RedisError:
            self._stop(
                f"Redis is not answering at {settings.REDIS_URL}; start it with `{START_REDIS}` "
                "or point REDIS_URL at a running server."
            )
        self.stdout.write("PostgreSQL and Redis are answering.")

    def _stop(self, sentence):
        self.stderr.write(sentence)
        sys.exit(1)
