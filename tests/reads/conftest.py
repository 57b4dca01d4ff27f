import pytest


@pytest.fixture(autouse=True)
def _closed_breaker():
    """Each test starts with the read buffer's breaker closed: a Redis that a test made
    fail must not be skipped in the next one."""
    from reads import buffer

    buffer.BREAKER.reset()
    yield
    buffer.BREAKER.reset()
