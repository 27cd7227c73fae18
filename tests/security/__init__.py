"""The security drill (issue 16 item 6): an attacker's attempts, each refused, audited, and
nothing else lost; on SQLite and PostgreSQL."""
