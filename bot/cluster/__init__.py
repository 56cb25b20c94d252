"""Several bot processes on one database: replica identity, the database's clock, the leader of
once-per-cluster jobs, and the send budget shared by every replica."""
