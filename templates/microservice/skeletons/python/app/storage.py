"""Where the service keeps its items.

Every store has the same methods; `open_store` builds the one this service
was generated with from the environment.
{%- if values.database == "postgresql" %}

Storage: PostgreSQL through SQLAlchemy (psycopg2), at DATABASE_URL.
"""

import os
import uuid

from sqlalchemy import (
    Column,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine

from .models import Item, ItemIn

metadata = MetaData()

items = Table(
    "items",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", Text, nullable=False),
    Column("description", Text, nullable=False),
)


class PostgresItemStore:
    """Items in the table `items` of a PostgreSQL database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def setup(self) -> None:
        """Creates the table when it is missing (a fresh database)."""
        metadata.create_all(self._engine, checkfirst=True)

    def close(self) -> None:
        """Closes the pool's connections."""
        self._engine.dispose()

    def list_items(self) -> list[Item]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(items).order_by(items.c.name, items.c.id))
            return [Item(**row._mapping) for row in rows]

    def get_item(self, item_id: str) -> Item | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(items).where(items.c.id == item_id)).first()
            return Item(**row._mapping) if row else None

    def create_item(self, data: ItemIn) -> Item:
        item = Item(id=str(uuid.uuid4()), name=data.name, description=data.description)
        with self._engine.begin() as connection:
            connection.execute(
                insert(items).values(id=item.id, name=item.name, description=item.description)
            )
        return item

    def update_item(self, item_id: str, data: ItemIn) -> Item | None:
        with self._engine.begin() as connection:
            result = connection.execute(
                update(items)
                .where(items.c.id == item_id)
                .values(name=data.name, description=data.description)
            )
        if result.rowcount == 0:
            return None
        return Item(id=item_id, name=data.name, description=data.description)

    def delete_item(self, item_id: str) -> bool:
        with self._engine.begin() as connection:
            result = connection.execute(delete(items).where(items.c.id == item_id))
        return result.rowcount > 0


def open_store() -> PostgresItemStore:
    """The store at DATABASE_URL (postgresql://…)."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise RuntimeError(
            "DATABASE_URL is not set: this service keeps its items in PostgreSQL "
            "and needs its address, e.g. postgresql://db.example.internal:5432/${{ values.name | replace("-", "_") }}"
        )
    # SQLAlchemy only knows the scheme postgresql://; many tools write postgres://.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    # pool_pre_ping: a connection the database closed (restart, failover) is replaced, not used.
    return PostgresItemStore(create_engine(url, future=True, pool_pre_ping=True))
{%- elif values.database == "dynamodb" %}

Storage: a DynamoDB table through boto3, keyed by the string attribute `id`.
"""

import os
import uuid
from typing import Any

import boto3
from botocore.exceptions import ClientError

from .models import Item, ItemIn


def _is_error(error: ClientError, code: str) -> bool:
    return error.response.get("Error", {}).get("Code") == code


class DynamoDbItemStore:
    """Items in a DynamoDB table whose partition key is `id` (a string)."""

    def __init__(self, table: Any) -> None:
        self._table = table
        self._client = table.meta.client

    def setup(self) -> None:
        """Creates the table when it is missing.

        Terraform creates the real table; a local DynamoDB (tests,
        development) starts empty.
        """
        try:
            self._client.describe_table(TableName=self._table.name)
            return
        except ClientError as error:
            if not _is_error(error, "ResourceNotFoundException"):
                raise
        try:
            self._client.create_table(
                TableName=self._table.name,
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
            )
        except ClientError as error:
            # Another replica starting at the same time created it first.
            if not _is_error(error, "ResourceInUseException"):
                raise
        self._client.get_waiter("table_exists").wait(
            TableName=self._table.name, WaiterConfig={"Delay": 1, "MaxAttempts": 60}
        )

    def close(self) -> None:
        """Nothing to release: boto3 closes its connections itself."""

    def list_items(self) -> list[Item]:
        found: list[Item] = []
        scan: dict[str, Any] = {}
        while True:
            page = self._table.scan(**scan)
            found.extend(Item(**attributes) for attributes in page["Items"])
            if "LastEvaluatedKey" not in page:
                break
            scan["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        return sorted(found, key=lambda item: (item.name, item.id))

    def get_item(self, item_id: str) -> Item | None:
        attributes = self._table.get_item(Key={"id": item_id}).get("Item")
        return Item(**attributes) if attributes else None

    def create_item(self, data: ItemIn) -> Item:
        item = Item(id=str(uuid.uuid4()), name=data.name, description=data.description)
        self._table.put_item(
            Item={"id": item.id, "name": item.name, "description": item.description},
            ConditionExpression="attribute_not_exists(id)",
        )
        return item

    def update_item(self, item_id: str, data: ItemIn) -> Item | None:
        try:
            result = self._table.update_item(
                Key={"id": item_id},
                # name and description are DynamoDB reserved words.
                UpdateExpression="SET #name = :name, #description = :description",
                ConditionExpression="attribute_exists(id)",
                ExpressionAttributeNames={"#name": "name", "#description": "description"},
                ExpressionAttributeValues={":name": data.name, ":description": data.description},
                ReturnValues="ALL_NEW",
            )
        except ClientError as error:
            if _is_error(error, "ConditionalCheckFailedException"):
                return None
            raise
        return Item(**result["Attributes"])

    def delete_item(self, item_id: str) -> bool:
        result = self._table.delete_item(Key={"id": item_id}, ReturnValues="ALL_OLD")
        return "Attributes" in result


def open_store() -> DynamoDbItemStore:
    """The table DYNAMODB_TABLE in AWS_REGION, or at DYNAMODB_ENDPOINT (a local DynamoDB)."""
    endpoint = os.environ.get("DYNAMODB_ENDPOINT") or None
    region = os.environ.get("AWS_REGION") or "eu-west-1"
    table = os.environ.get("DYNAMODB_TABLE") or "${{ values.name }}"
    credentials: dict[str, str] = {}
    if endpoint and not os.environ.get("AWS_ACCESS_KEY_ID"):
        # A local DynamoDB accepts any credentials. On AWS they come from the
        # pod's or instance's role, so none are invented there.
        credentials = {"aws_access_key_id": "local", "aws_secret_access_key": "dummy"}
    resource = boto3.resource(
        "dynamodb", region_name=region, endpoint_url=endpoint, **credentials
    )
    return DynamoDbItemStore(resource.Table(table))
{%- else %}

Storage: in memory. Items are lost when the process stops, and each
replica has its own: for development and demos.
"""

import threading
import uuid

from .models import Item, ItemIn


class MemoryItemStore:
    """Items in a dict; FastAPI serves requests on several threads, hence the lock."""

    def __init__(self) -> None:
        self._items: dict[str, Item] = {}
        self._lock = threading.Lock()

    def setup(self) -> None:
        """Nothing to create."""

    def close(self) -> None:
        """Nothing to release."""

    def list_items(self) -> list[Item]:
        with self._lock:
            return sorted(self._items.values(), key=lambda item: (item.name, item.id))

    def get_item(self, item_id: str) -> Item | None:
        with self._lock:
            return self._items.get(item_id)

    def create_item(self, data: ItemIn) -> Item:
        item = Item(id=str(uuid.uuid4()), name=data.name, description=data.description)
        with self._lock:
            self._items[item.id] = item
        return item

    def update_item(self, item_id: str, data: ItemIn) -> Item | None:
        with self._lock:
            if item_id not in self._items:
                return None
            item = Item(id=item_id, name=data.name, description=data.description)
            self._items[item_id] = item
            return item

    def delete_item(self, item_id: str) -> bool:
        with self._lock:
            return self._items.pop(item_id, None) is not None


def open_store() -> MemoryItemStore:
    """A new, empty store."""
    return MemoryItemStore()
{%- endif %}
