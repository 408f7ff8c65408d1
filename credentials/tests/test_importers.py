"""Catalog import: validate everything, report every bad row with its line, all or nothing, update on re-import."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from credentials.importers import import_credentials
from credentials.models import Category, Credential, CredentialStatus

pytestmark = pytest.mark.django_db

HEADER = (
    "title,issuing_body,category,typical_cost,typical_training_hours,example_providers,status,effective_from,keywords\n"
)


def csv_file(body):
    return io.BytesIO((HEADER + body).encode())


def test_a_good_file_creates_credentials_and_categories():
    result = import_credentials(
        csv_file(
            'CompTIA Security+,CompTIA,Cybersecurity,"$1,400",40,COTC; Scioto,eligible,2024-07-01,sec+\n'
            "CCNA,Cisco,Networking,1500,120,,,,\n"
        ),
        "catalog.csv",
    )
    assert result.ok and (result.created, result.updated) == (2, 0)
    security = Credential.objects.get(title="CompTIA Security+")
    assert security.typical_cost == Decimal("1400.00") and security.provider_list == ["COTC", "Scioto"]
    assert Category.objects.filter(name="Networking").exists()


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written():
    result = import_credentials(
        csv_file(
            "Good one,Issuer,Cybersecurity,100,10,,,,\n"
            ",Issuer,Cybersecurity,100,10,,,,\n"
            "Bad cost,Issuer,Cybersecurity,lots,10,,,,\n"
            "Bad status,Issuer,Cybersecurity,100,ten,,pending,2024-13-01,\n"
            "Good one,Issuer,Cybersecurity,100,10,,,,\n"
        ),
        "catalog.csv",
    )
    lines = result.errors.lines()
    assert "Line 3: title is empty" in lines
    assert "Line 4: typical_cost 'lots' is not an amount" in lines
    assert any(line.startswith("Line 5: status 'pending'") for line in lines)
    assert any(line.startswith("Line 5: typical_training_hours") for line in lines)
    assert any(line.startswith("Line 5: effective_from") for line in lines)
    assert "Line 6: repeats the credential on line 2" in lines
    assert not Credential.objects.exists() and not Category.objects.exists()


def test_missing_columns_are_reported():
    result = import_credentials(io.BytesIO(b"name,cost\nX,1\n"), "catalog.csv")
    assert not result.ok and "issuing_body" in result.errors.lines()[0]


def test_reimport_updates_the_matching_credential():
    import_credentials(csv_file("CCNA,Cisco,Networking,1500,120,,,,\n"), "a.csv")
    result = import_credentials(csv_file("CCNA,Cisco,Networking,1650,100,,retired,,routing\n"), "b.csv")
    assert (result.created, result.updated) == (0, 1)
    ccna = Credential.objects.get()
    assert ccna.typical_cost == Decimal("1650.00") and ccna.status == CredentialStatus.RETIRED
    assert ccna.keywords == "routing"


def test_xlsx_files_are_read():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Title", "Issuing body", "Category", "Typical cost"])
    sheet.append(["FANUC Handling Tool", "FANUC America", "Automation and Robotics", 1800])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    result = import_credentials(buffer, "catalog.xlsx")
    assert result.ok and Credential.objects.get().typical_cost == Decimal("1800.00")


def test_the_command_imports_or_reports(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "CCNA,Cisco,Networking,1500,120,,,,\n")
    call_command("import_credentials", str(good))
    assert "1 new" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "CCNP,Cisco,Networking,abc,120,,,,\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_credentials", str(bad))
    assert "Line 2: typical_cost 'abc' is not an amount" in capsys.readouterr().err
