"""Hồ sơ: the dossier list and its table model, one dossier's dialog and its lifecycle actions' forms."""
