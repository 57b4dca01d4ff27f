"""Reader reactions: filled by the reactions issue."""
