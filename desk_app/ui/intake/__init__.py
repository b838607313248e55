"""Tiếp nhận: the intake form (applicant, procedure, components), its parts, and the receipt (Form 01) preview."""
