"""Sign-in, the lock after idle time, the recovery code, and the tasks that open or create the desk's data."""
