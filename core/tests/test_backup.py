"""The backup procedure of docs/operations.md, proved: dump, restore into a fresh database, same row counts."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core.management.commands.backup_check import table_row_counts
from core.tests.site_world import build_world


@pytest.mark.django_db(transaction=True)
def test_a_dump_restores_into_a_fresh_database_with_every_row(people, tmp_path, capsys):
    build_world(people)  # records of every app, committed so pg_dump sees them
    dump = tmp_path / "portal.dump"
    call_command("backup_check", keep_dump=str(dump))
    out = capsys.readouterr().out
    assert "Backup check passed" in out
    assert dump.stat().st_size > 10_000
    counts = table_row_counts(connection.settings_dict, connection.settings_dict["NAME"])
    assert counts["public.core_user"] >= 6 and counts["public.credentials_reimbursementclaim"] == 1
    # The scratch database is dropped afterwards.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s", [connection.settings_dict["NAME"] + "_restore_check"]
        )
        assert cursor.fetchone()[0] == 0


@pytest.mark.django_db
def test_the_check_refuses_to_restore_over_the_database_itself():
    with pytest.raises(CommandError, match="must not be the database"):
        call_command("backup_check", target=connection.settings_dict["NAME"])
