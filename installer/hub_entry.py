"""The frozen hub's entry point: the same ``district-server`` command, for the PC of a
commune office that is its hub (installer/district-server.spec)."""

from district_server.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
