import os

DEBUG = False
DATABASE_URL = "postgresql://orders:S3cr3t-Passw0rd@db.internal:5432/orders"
STRIPE_API_KEY = "sk_live_51HxQ2mKz8vR3tY7uP0aBcDeFgHiJkLmN"
GITLAB_TOKEN = "glpat-Zx8cVb7nM6aSdF5gH4jK"
