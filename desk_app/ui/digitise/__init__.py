"""The scan panel of a dossier: pages in from a scanner, files or a scan folder, cleaned, tagged, saved signed."""
