"""Burning: Red Book layout, audio preparation, CD-TEXT, backends and the burn job."""
