"""The audit of the letter's arithmetic (vngkb.finance.audit)."""

from __future__ import annotations
