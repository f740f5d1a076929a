"""Markers for the end-to-end tests."""


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds a virtual environment or installs packages (runs by default)")
