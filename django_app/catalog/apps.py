from django.apps import AppConfig


class CatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"
    verbose_name = "Library catalog"

    def ready(self):
        from . import signals  # noqa: F401  (connects the failed-login logger)
