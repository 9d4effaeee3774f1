"""Downloads: matching, fetching, converting, tagging, naming, planning and the job engine."""
