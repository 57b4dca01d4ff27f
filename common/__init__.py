"""Helpers every app may import: plain functions, no models, no app of their own.

Each concept has one home here, so that copies cannot drift: French formatting and
text folding (``common.french``), the client's address and the HTTP names the apps
share (``common.http``). Nothing here imports an app.
"""
