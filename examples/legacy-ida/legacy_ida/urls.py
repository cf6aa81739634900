"""URLs: a health check for the load balancer."""

from django.http import JsonResponse
from django.urls import path


def health(_request):
    """Answer the load balancer's health check."""
    return JsonResponse({'status': 'ok'})


urlpatterns = [path('health/', health)]
