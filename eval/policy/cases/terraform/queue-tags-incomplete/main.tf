variable "environment" {
  type    = string
  default = "production"
}

locals {
  tags = {
    owner       = "team-orders"
    environment = var.environment
    service     = "orders"
  }
}

resource "aws_sqs_queue" "orders_dlq" {
  name                      = "orders-dlq-${var.environment}"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  tags                      = local.tags
}

resource "aws_sqs_queue" "orders" {
  name                    = "orders-${var.environment}"
  sqs_managed_sse_enabled = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn
    maxReceiveCount     = 5
  })

  tags = {
    owner = "team-orders"
  }
}

resource "aws_sns_topic" "order_events" {
  name = "order-events-${var.environment}"
  tags = merge(local.tags, { environment = "" })
}

resource "aws_sns_topic_subscription" "orders" {
  topic_arn = aws_sns_topic.order_events.arn
  protocol  = "sqs"
  endpoint  = aws_sqs_queue.orders.arn
}

resource "aws_cloudwatch_log_group" "orders" {
  name              = "/ecs/orders-${var.environment}"
  retention_in_days = 90
}
