"""Daily 两市成交额: result types, store, sync, analytics, text, chart and the daily import kind."""
