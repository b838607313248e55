"""Cài đặt: the commune and desk, this PC's printer and scanner, text size, language."""
