"""What the tests share: helpers, clients, the test target. Tests import from here, never
from another test module (checked by tests/test_layout.py)."""
