"""Evaluation: datasets, metrics, the `rag eval` runner and the `rag bench` benchmark."""
