"""File-based sync: signed, checksummed, optionally encrypted bundles that travel on a USB stick.

The format is documented in ``docs/bundle-format.md``. Its messages live in
:mod:`mediation_desktop.sync.messages`, gathered into the shared catalogue by :mod:`mediation_desktop.i18n`.
"""
