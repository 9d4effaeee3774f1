"""Dialogs: settings, about, import progress and summary."""
