import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    """Report files go to a folder of this test's own (workers started afterwards inherit it)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT
