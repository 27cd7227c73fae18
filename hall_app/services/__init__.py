"""Use cases: one transaction each, plain data in and out, no Qt."""
