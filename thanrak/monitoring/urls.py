from django.urls import path

from thanrak.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("monitoring/offline-worker.js", views.offline_worker, name="offline_worker"),
    path("monitoring/my-visits/", views.my_visits, name="my_visits"),
    path("provinces/<str:province>/monitoring/", views.rounds, name="rounds"),
    path("provinces/<str:province>/monitoring/new/", views.round_create, name="round_create"),
    path("monitoring/<int:round>/", views.round_detail, name="round"),
    path("monitoring/<int:round>/edit/", views.round_edit, name="round_edit"),
    path("monitoring/<int:round>/days/", views.round_days, name="round_days"),
    path("monitoring/<int:round>/teams/", views.teams_edit, name="teams"),
    path("monitoring/<int:round>/checklist/", views.checklist_edit, name="checklist"),
    path("monitoring/<int:round>/visits/", views.visits_edit, name="visits"),
    path("monitoring/<int:round>/generate/", views.generate, name="generate"),
    path("monitoring/<int:round>/schedule/", views.schedule_print, name="schedule"),
    path("monitoring/<int:round>/summary/", views.summary, name="summary"),
    path("monitoring/<int:round>/summary.xlsx", views.summary_xlsx, name="summary_xlsx"),
    path("monitoring/teams/<int:team>/calendar.ics", views.team_calendar, name="team_calendar"),
    path("visits/<int:visit>/", views.visit, name="visit"),
]
