"""The settings are production's unless a local command asks for development (DJANGO_DEBUG=1): a deployment that
forgets a variable serves no tracebacks and no built-in secret key."""

import os
import subprocess
import sys

from django.conf import settings

# What a deployment's environment might lack; the tests' own process has DJANGO_DEBUG=1 (config/test_settings.py).
UNSET = ("DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")


def run_without_development(*command, **env):
    """Run `command` in the project with `env` and none of UNSET unless given, as a deployment would."""
    return subprocess.run(
        command,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**{k: v for k, v in os.environ.items() if k not in UNSET}, **env},
        timeout=120,
    )


def settings_in_a_new_process(*names, **env):
    """Import config.settings in a fresh interpreter and print `names`."""
    code = "import config.settings as s; print(" + ", ".join(f"s.{name}" for name in names) + ")"
    return run_without_development(sys.executable, "-c", code, **env)


def test_without_djangodebug_the_settings_are_production():
    result = settings_in_a_new_process("DEBUG", "SESSION_COOKIE_SECURE", DJANGO_SECRET_KEY="a-real-key-" + "x" * 40)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = settings_in_a_new_process("DEBUG")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "DJANGO_DEBUG=1" in result.stderr  # says how a developer's machine asks for development


def test_development_is_asked_for_explicitly():
    result = settings_in_a_new_process("DEBUG", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"]


def test_check_deploy_is_clean_with_the_default_settings_and_a_deployments_variables():
    result = run_without_development(
        sys.executable,
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-real-production-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="portal.example.gov",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
