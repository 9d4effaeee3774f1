"""Online catalogues (YouTube Music, Spotify), pasted links and cover art."""
