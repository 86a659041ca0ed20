"""Limits and names of the auth service: none of these is a secret."""

PASSWORD_MIN_LENGTH = 12
PASSWORD_HASHER = "argon2id"
TOKEN_TTL = 3600
ACCESS_TOKEN_EXPIRY = "15m"
REFRESH_TOKEN_TYPE = "opaque"
AUTH_URL = "https://auth.example.com/oauth2/authorize"
SECRET_NAME = "prod/auth/signing-key"
API_KEY_HEADER = "X-Api-Key"
CREDENTIALS_PATH = "/var/run/secrets/auth/credentials.json"
