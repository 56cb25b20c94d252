"""marketbot tools layer."""
