"""Site-wide models (ad placements live here)."""
