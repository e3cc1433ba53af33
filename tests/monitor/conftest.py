"""The loopback fake outlet's fixtures for the watch tests."""

from tests.support.outlet import make_outlet, outlet  # noqa: F401  (pytest fixtures)
