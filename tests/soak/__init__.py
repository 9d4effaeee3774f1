"""The soak (`make soak`): kills, restarts and two writers against real app processes."""
