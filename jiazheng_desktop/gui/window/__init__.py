"""The window's frame: main window, section list, navigator, search box, start-up dialogs, single instance."""
