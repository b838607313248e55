"""Use cases the UI and the CLI call. The one entrance to the desk; owns transactions."""
