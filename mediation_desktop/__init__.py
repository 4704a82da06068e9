"""调解工作台 — offline desktop program for village people's mediation committees."""

__version__ = "0.1.0"
APP_NAME = "MediationDesktop"
