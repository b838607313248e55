"""The frozen desk's entry point: the same ``desk-app`` command."""

from desk_app.launch import main

if __name__ == "__main__":
    raise SystemExit(main())
