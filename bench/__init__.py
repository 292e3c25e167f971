"""`make bench`: Docket's pages, throughput, jobs and imports measured at scale (README, "Performance")."""
