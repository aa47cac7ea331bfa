"""The benchmark of issue 6: see bench/README.md."""
