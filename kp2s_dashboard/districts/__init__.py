"""One district at a time: its profile and its peers."""
