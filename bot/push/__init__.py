"""The daily push: subscriptions and the delivery ledger, ledger-backed sending, the push job and its runner."""
