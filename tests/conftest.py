"""Test-suite wide settings.

Hypothesis runs with a fixed example budget so that a test run takes the same time every time:

* ``ci`` (the default): about 200 examples per property, no deadline.
* ``long``: 20,000 examples per property, for a soak run before a release::

      HYPOTHESIS_PROFILE=long python -m pytest tests/parser/test_properties.py -q
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=20000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
