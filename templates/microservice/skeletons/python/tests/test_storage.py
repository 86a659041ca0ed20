"""The storage this service was generated with{% if values.database == "postgresql" %}: PostgreSQL.
{%- elif values.database == "dynamodb" %}: DynamoDB.
{%- else %}: memory.
{%- endif %}"""
{%- if values.database == "postgresql" %}

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect

from app.main import create_app


def test_creates_its_table_at_start_up(database, client):
    assert inspect(database).has_table("items")


def test_keeps_items_across_restarts(start_service):
    with start_service() as client:
        item = client.post("/items", json={"name": "widget"}).json()
    with start_service() as client:
        assert client.get("/items").json() == [item]


def test_refuses_to_start_without_database_url(monkeypatch):
    monkeypatch.delenv("DATABASE_URL")
    with pytest.raises(RuntimeError, match="DATABASE_URL is not set"):
        with TestClient(create_app()):
            pass


def test_accepts_the_postgres_scheme(database, monkeypatch):
    url = database.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url.replace("postgresql://", "postgres://", 1))
    with TestClient(create_app()) as client:
        assert client.get("/items").json() == []
    assert inspect(database).has_table("items")
{%- elif values.database == "dynamodb" %}


def test_creates_its_table_at_start_up(dynamodb, table, client):
    description = dynamodb.describe_table(TableName=table)["Table"]
    assert description["TableStatus"] == "ACTIVE"
    assert description["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]


def test_keeps_items_across_restarts(start_service):
    with start_service() as client:
        item = client.post("/items", json={"name": "widget"}).json()
    with start_service() as client:
        assert client.get("/items").json() == [item]


def test_stores_items_in_its_table(dynamodb, table, client):
    item = client.post("/items", json={"name": "widget", "description": "a widget"}).json()
    stored = dynamodb.get_item(TableName=table, Key={"id": {"S": item["id"]}})["Item"]
    assert stored == {
        "id": {"S": item["id"]},
        "name": {"S": "widget"},
        "description": {"S": "a widget"},
    }


def test_lists_more_items_than_one_scan_page_returns(dynamodb, table, client):
    # A scan returns at most 1 MB: 600 items of 2 KB take two pages.
    description = "x" * 2000
    numbers = range(600)
    for start in range(0, len(numbers), 25):
        dynamodb.batch_write_item(
            RequestItems={
                table: [
                    {
                        "PutRequest": {
                            "Item": {
                                "id": {"S": f"id-{number:03}"},
                                "name": {"S": f"item {number:03}"},
                                "description": {"S": description},
                            }
                        }
                    }
                    for number in numbers[start : start + 25]
                ]
            }
        )
    assert "LastEvaluatedKey" in dynamodb.scan(TableName=table)
    names = [item["name"] for item in client.get("/items").json()]
    assert names == [f"item {number:03}" for number in numbers]
{%- else %}


def test_forgets_items_when_it_stops(start_service):
    with start_service() as client:
        assert client.post("/items", json={"name": "widget"}).status_code == 201
        assert len(client.get("/items").json()) == 1
    with start_service() as client:
        assert client.get("/items").json() == []
{%- endif %}
