"""Qt item models over service results: one model per list, loaded lazily."""
