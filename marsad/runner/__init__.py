"""Corpus runs: ingest, extract and store documents in committed batches (``marsad run``)."""

from marsad.runner.local import RunOptions, RunSummary, run_corpus

__all__ = ["RunOptions", "RunSummary", "run_corpus"]
