import pytest


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Factories set a password on every user; the production hasher takes most of a second each time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
