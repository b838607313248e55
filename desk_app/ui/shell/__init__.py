"""The app shell: the main window, its navigation between the pages, the status bar and the shortcuts."""
