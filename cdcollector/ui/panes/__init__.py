"""The five panes of the main window, one module each; they talk only through services."""
