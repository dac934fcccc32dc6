from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "thanrak.demo"
    label = "demo"
    verbose_name = "Demo data"
