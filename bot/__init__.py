"""marketbot bot layer."""
