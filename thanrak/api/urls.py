"""The JSON API, mounted at /api/v1/ (config/urls.py); URL names in the namespace ``api``."""

from thanrak.api.api import api

app_name = "api"
urlpatterns = api.urls[0]
