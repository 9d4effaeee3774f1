"""Burner backends behind one interface: cdrecord/wodim, cdrdao, IMAPI2, disc image."""
