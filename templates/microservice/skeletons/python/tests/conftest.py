"""Every test gets a client of a freshly started service on the storage this
service really uses{% if values.database == "postgresql" %}: the PostgreSQL database at DATABASE_URL
(a throwaway one: the tests drop and recreate its table `items`).
{%- elif values.database == "dynamodb" %}: the DynamoDB at DYNAMODB_ENDPOINT (a local
one such as DynamoDB Local or dynalite), a new table for each test.
{%- else %}: memory, empty at each start.
{%- endif %}
"""
{%- if values.database == "postgresql" %}

import os

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from app.main import create_app


def pytest_configure(config):
    if not os.environ.get("DATABASE_URL"):
        raise pytest.UsageError(
            "DATABASE_URL is not set: the tests run against a real PostgreSQL. "
            "Set it to a throwaway database, e.g. "
            "DATABASE_URL=postgresql://postgres@127.0.0.1:5432/${{ values.name | replace("-", "_") }}_test make test"
        )


@pytest.fixture
def database():
    """The database, emptied: without its table, which the service creates at start-up."""
    engine = create_engine(os.environ["DATABASE_URL"], future=True)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS items"))
    yield engine
    engine.dispose()


@pytest.fixture
def start_service(database):
    """Starts the service (again) on the test's database."""
    return lambda: TestClient(create_app())
{%- elif values.database == "dynamodb" %}

import os
import uuid

import boto3
import pytest
from fastapi.testclient import TestClient

from app.main import create_app


def pytest_configure(config):
    if not os.environ.get("DYNAMODB_ENDPOINT"):
        raise pytest.UsageError(
            "DYNAMODB_ENDPOINT is not set: the tests run against a real DynamoDB API "
            "and create tables in it, so they need a local one, e.g. "
            "DYNAMODB_ENDPOINT=http://127.0.0.1:8000 make test (DynamoDB Local, dynalite)"
        )


@pytest.fixture
def dynamodb():
    """A client of the local DynamoDB the service uses."""
    return boto3.client(
        "dynamodb",
        endpoint_url=os.environ["DYNAMODB_ENDPOINT"],
        region_name=os.environ.get("AWS_REGION") or "eu-west-1",
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID") or "local",
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY") or "dummy",
    )


@pytest.fixture
def table(dynamodb, monkeypatch):
    """The name of a table of the test's own, which the service creates at start-up."""
    name = f"${{ values.name }}-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("DYNAMODB_TABLE", name)
    yield name
    if name in dynamodb.list_tables()["TableNames"]:
        dynamodb.delete_table(TableName=name)


@pytest.fixture
def start_service(table):
    """Starts the service (again) on the test's table."""
    return lambda: TestClient(create_app())
{%- else %}

import pytest
from fastapi.testclient import TestClient

from app.main import create_app


@pytest.fixture
def start_service():
    """Starts the service: with an empty store each time."""
    return lambda: TestClient(create_app())
{%- endif %}


@pytest.fixture
def client(start_service):
    # `with` runs the application's start-up and shut-down.
    with start_service() as client:
        yield client
