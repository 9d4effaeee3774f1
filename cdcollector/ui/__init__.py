"""Qt widgets: the main window, its five panes, item models, delegates and dialogs."""
