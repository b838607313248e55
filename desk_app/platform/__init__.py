"""What only one operating system has (Windows' DPAPI), behind small functions."""
