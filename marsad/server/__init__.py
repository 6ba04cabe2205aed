"""The analyst's workbench: a local web server (``marsad serve``) with a JSON REST API over the store and
a bundled web app. See docs/workbench.md."""

from marsad.server.app import create_app

__all__ = ["create_app"]
