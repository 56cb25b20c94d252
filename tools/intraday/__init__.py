"""Minute-bar 两市成交额: store, session clock, analytics, the IntradayData facade, chart, text, CLI, import."""
