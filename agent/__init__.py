"""marketbot agent layer."""
