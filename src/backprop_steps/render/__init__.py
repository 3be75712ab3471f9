"""Presentation: equations with numbers, tables, diagrams and plots, written from results.

Renderers take results (a trace, a history) and never compute a step themselves. The core
(`scalar`, `vectorized`, `training`) never imports this package; the pages and the command
line do.

Introduced in [The forward pass][forward-pass].
"""
