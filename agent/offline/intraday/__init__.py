"""Intraday answers: the session so far from minute bars, read, computed and worded."""
