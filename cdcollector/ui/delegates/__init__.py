"""Item delegates: how special cells (stars) are painted and edited."""
