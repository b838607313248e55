"""Đồng bộ: the link to the district server, what waits, sync now, the USB pack."""
