"""Where data lives: which version of each kind is in force, and published versions."""
