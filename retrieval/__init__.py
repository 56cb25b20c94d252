"""marketbot retrieval layer."""
