"""Printed forms: data in, PDF bytes out (reportlab, bundled Noto Serif)."""
