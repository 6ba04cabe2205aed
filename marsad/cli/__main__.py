"""``python -m marsad.cli`` runs the ``marsad`` command."""

from marsad.cli import main

main()
