"""Pure rules of the hall: no Qt, no SQL."""
