"""Sector (board) turnover answers: recognising, answering and wording them."""
