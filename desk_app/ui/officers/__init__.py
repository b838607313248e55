"""Cán bộ, sao lưu: officers' accounts, passwords, backup now."""
