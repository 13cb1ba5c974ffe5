"""Projections: pure folds of events into read models (scores, outcomes, tables, …)."""

from matchevents.projections.base import MergeableProjection, Projection, fold, scan

__all__ = ["MergeableProjection", "Projection", "fold", "scan"]
