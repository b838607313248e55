"""The first-run wizard: commune and desk, district server, printer, scanner, administrator."""
