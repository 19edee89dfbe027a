"""Welcomedly Desktop: outbound calling campaigns for call-center supervisors."""

__version__ = "0.1.0"
APP_NAME = "Welcomedly"
APP_ID = "welcomedly"
