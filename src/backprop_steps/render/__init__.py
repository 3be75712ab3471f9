"""Presentation: equations with numbers and diagrams, written from traces.

The core never imports this package; the site's build-time blocks do.

Introduced in [The forward pass][forward-pass].
"""
