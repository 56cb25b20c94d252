"""Statistics over a period: reading the question, the stats query, and the sentences of its results."""
