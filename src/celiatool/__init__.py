"""celiatool: a service-desk toolkit for registrars of Celia, the Finnish accessibility library."""

__version__ = "0.1.0"
APP_NAME = "celiatool"
