import os

DEBUG = False
DATABASE_URL = os.environ["DATABASE_URL"]
STRIPE_API_KEY = os.environ.get("STRIPE_API_KEY")
# The token comes from the CI/CD variable GITLAB_TOKEN.
GITLAB_TOKEN = os.environ["GITLAB_TOKEN"]
PASSWORD_FILE = "/run/secrets/db-password"
