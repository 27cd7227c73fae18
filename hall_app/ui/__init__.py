"""PySide6 screens. Widgets get plain dataclasses from the services, never ORM objects."""
