import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from core.models import Organization, User


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_seed_demo_is_idempotent_and_creates_a_user_per_role():
    call_command("seed_demo")
    organizations, users = Organization.objects.count(), User.objects.count()
    call_command("seed_demo")
    assert Organization.objects.count() == organizations >= 30
    assert User.objects.count() == users
    assert set(Organization.objects.values_list("kind", flat=True)) >= {
        "employer",
        "provider",
        "government",
        "economic_development",
        "workforce_development",
        "labor",
        "community",
    }
    staff = User.objects.get(email="staff@demo.example")
    assert staff.is_program_staff and staff.check_password("portal-demo")
    assert User.objects.get(email="admin@demo.example").is_superuser
    assert User.objects.get(email="employer@demo.example").is_employer
    assert User.objects.get(email="provider@demo.example").is_provider


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_seed_demo_refuses_without_debug_unless_forced():
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not User.objects.filter(email="admin@demo.example").exists()
    call_command("seed_demo", force=True)
    assert User.objects.filter(email="admin@demo.example").exists()


def run_manage(*args, timeout=120, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for the live server; a deployment never has it.
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        timeout=timeout,
    )


def test_ensure_services_names_an_unreachable_postgres_in_one_sentence():
    result = run_manage("ensure_services", DATABASE_URL="postgres://root@127.0.0.1:1/sector_portal")
    assert result.returncode == 1
    assert "PostgreSQL is not answering at 127.0.0.1:1" in result.stderr
    assert "Traceback" not in result.stderr


def test_ensure_services_names_an_unreachable_redis_in_one_sentence():
    result = run_manage("ensure_services", REDIS_URL="redis://127.0.0.1:1/0")
    assert result.returncode == 1
    assert "Redis is not answering at redis://127.0.0.1:1/0" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-real-production-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="portal.example.gov",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_collectstatic_works_with_production_settings():
    """WhiteNoise's manifest storage fails on any reference to a missing file (a vendor source map, say)."""
    result = run_manage(
        "collectstatic",
        "--no-input",
        # Compressing every file takes minutes when the machine is busy; the limit only guards against a hang.
        timeout=900,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-real-production-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="portal.example.gov",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "post-processed" in result.stdout
