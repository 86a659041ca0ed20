locals {
  table_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"
}

data "aws_iam_policy_document" "api" {
  statement {
    sid       = "Tables"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]
    resources = [local.table_arn, "${local.table_arn}/index/*"]
  }

  statement {
    sid       = "Discovery"
    actions   = ["ec2:DescribeInstances", "ec2:DescribeSubnets", "sts:GetCallerIdentity"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "api" {
  name   = "orders-api"
  policy = data.aws_iam_policy_document.api.json
}
