"""Values that columns may hold (roles, campaign statuses), without SQLAlchemy.

Kept apart from the models so that the command line can build its parser (whose choices these are)
without importing SQLAlchemy and every model first: that cost every command ~0.35 s before it could
even read its arguments (an import's file checks now start that much sooner).
"""

from __future__ import annotations

import enum


class Role(str, enum.Enum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    AGENT = "agent"


ROLE_VALUES = tuple(r.value for r in Role)


class CampaignStatus(str, enum.Enum):
    DRAFT = "draft"
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"


CAMPAIGN_STATUS_VALUES = tuple(s.value for s in CampaignStatus)
