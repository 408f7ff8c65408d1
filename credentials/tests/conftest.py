import pytest

from core.testing.factories import EmployerUserFactory


@pytest.fixture
def employer_user(db):
    return EmployerUserFactory(email="boss@buckeye.test", organization__name="Buckeye Test Machining")
