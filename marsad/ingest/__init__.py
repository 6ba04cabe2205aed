"""The ingest layer: text, HTML, JSON Lines, CSV/TSV and Telegram exports to Documents.

``ingest_documents(sources, options)`` yields a ``Document`` per input document and an ``InputError``
per file, line, row or message that cannot be read; it never raises for bad input. See docs/ingest.md.
"""

from marsad.ingest.core import ingest_documents
from marsad.ingest.options import FORMATS, INPUT_FORMATS, Format, IngestOptions, IngestStats, InputFormat
from marsad.io.readers import InputError

__all__ = [
    "FORMATS",
    "INPUT_FORMATS",
    "Format",
    "IngestOptions",
    "IngestStats",
    "InputError",
    "InputFormat",
    "ingest_documents",
]
