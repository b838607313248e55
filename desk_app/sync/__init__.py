"""The desk side of sync with the district (or province) server: identity, push, pull."""
