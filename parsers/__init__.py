"""Format readers and the format-independent structure stage."""
