"""The chip of ID cards and passports (ICAO Doc 9303): access control, secure messaging,
data groups, passive authentication, and the PC/SC reader that talks to it.

Pure protocol code (``bac``, ``tlv``, ``datagroups``, ``passive``) has no I/O; ``reader`` is
the one module that touches PC/SC (pyscard).
"""
