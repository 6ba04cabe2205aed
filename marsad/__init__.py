"""marsad (مرصد): Arabic conflict reports to structured, geolocated, time-ordered event records."""

__version__ = "0.1.0"
