"""Download engine: matching, fetching, converting, tagging, naming and the job queue."""
