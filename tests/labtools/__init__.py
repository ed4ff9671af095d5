"""Helpers the lab tests run with the labs' own Python (``.venv-labs``: AWS CLI v1, moto, boto3)."""
