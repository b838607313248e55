"""Pure rules of the one-stop desk: no Qt, no SQL, no I/O (stdlib and `holidays` only)."""
