"""Report exports that are not printed forms (Excel workbooks)."""
