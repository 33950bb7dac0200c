"""LocalLibrary URL configuration."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from catalog.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("catalog/", include("catalog.urls")),
    path("", RedirectView.as_view(url="/catalog/", permanent=False)),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", healthz, name="healthz"),
]
