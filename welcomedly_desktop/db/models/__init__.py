"""ORM models (SQLAlchemy 2 typed mappings).  The schema itself changes only through alembic."""

from .base import Base
from .accounts import ROLE_VALUES, AuditLog, LoginKey, LoginThrottle, Role, User
from .campaigns import CAMPAIGN_STATUS_VALUES, Agent, Campaign, CampaignAssignment, CampaignStatus
from .imports import BaseCampaignData, CampaignRecord, DncNumber, ImportReject, RecordStatus, UploadStatus
from .activity import Disposition, Interaction
from .reporting import InteractionHourly
from .organization import OrganizationSettings

__all__ = [
    "Agent",
    "AuditLog",
    "Base",
    "BaseCampaignData",
    "CAMPAIGN_STATUS_VALUES",
    "Campaign",
    "CampaignAssignment",
    "CampaignRecord",
    "CampaignStatus",
    "Disposition",
    "DncNumber",
    "ImportReject",
    "Interaction",
    "InteractionHourly",
    "LoginKey",
    "LoginThrottle",
    "OrganizationSettings",
    "ROLE_VALUES",
    "RecordStatus",
    "Role",
    "UploadStatus",
    "User",
]
