data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  queue_arn  = "arn:aws:sqs:${data.aws_region.current.name}:${local.account_id}:orders-${var.environment}"
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders-${var.environment}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "order_id"

  attribute {
    name = "order_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}

data "aws_iam_policy_document" "orders_service" {
  statement {
    sid = "OrdersTable"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:Query",
    ]
    resources = [
      aws_dynamodb_table.orders.arn,
      "${aws_dynamodb_table.orders.arn}/index/*",
    ]
  }

  statement {
    sid       = "OrderEvents"
    actions   = ["sqs:SendMessage", "sqs:GetQueueUrl"]
    resources = [local.queue_arn]
  }

  # Actions AWS cannot scope to a resource.
  statement {
    sid = "Discovery"
    actions = [
      "ec2:DescribeNetworkInterfaces",
      "sts:GetCallerIdentity",
      "cloudwatch:PutMetricData",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "NoDeletes"
    effect    = "Deny"
    actions   = ["dynamodb:*"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "dynamodb:Attributes"
      values   = ["DeleteTable"]
    }
  }
}

resource "aws_iam_policy" "orders_service" {
  name   = "orders-service-${var.environment}"
  policy = data.aws_iam_policy_document.orders_service.json
}
