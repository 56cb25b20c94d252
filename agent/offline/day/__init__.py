"""Answers about one day or two days side by side: the day's figures, its change and its news."""
