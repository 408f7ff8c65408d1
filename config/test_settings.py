"""The test suite's settings (pytest.ini): the portal's settings in development, asked for explicitly, because
config.settings alone are production's. A test that needs production settings starts a process with DJANGO_DEBUG=0."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from config.settings import *  # noqa: F403
