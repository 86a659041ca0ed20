locals {
  common_tags = merge(
    {
      Owner       = var.team
      Environment = var.environment
    },
    var.extra_tags,
  )
}

data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "mailer" {
  name               = "mailer-${var.environment}"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
  tags               = local.common_tags
}

resource "aws_iam_role_policy_attachment" "mailer_logs" {
  role       = aws_iam_role.mailer.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_cloudwatch_log_group" "mailer" {
  name              = "/aws/lambda/mailer-${var.environment}"
  retention_in_days = 30
  tags              = local.common_tags
}

resource "aws_lambda_function" "mailer" {
  function_name = "mailer-${var.environment}"
  role          = aws_iam_role.mailer.arn
  runtime       = "python3.12"
  handler       = "mailer.handler"
  filename      = "${path.module}/build/mailer.zip"
  timeout       = 30

  environment {
    variables = {
      SES_REGION       = var.region
      SMTP_SECRET_NAME = "prod/mailer/smtp"
    }
  }

  tags = merge(local.common_tags, { Name = "mailer" })
}
