"""Board (sector) turnover: watchlist, store, sync, analytics, import, chart and CLI for 板块成交额."""
