"""The UI's only API: plain service methods plus an event bus of QtCore signals."""
