"""The national benchmark (`make bench-national`): page timings, page weight and load."""
