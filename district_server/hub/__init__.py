"""The server in its ``hub`` role: one PC (or small box) of a commune office that the desks
enrol with and sync to over the LAN, and that forwards what they send upstream unchanged
(docs/architecture.md, "The commune hub")."""
