resource "aws_iam_role" "api" {
  name               = "orders-api"
  assume_role_policy = file("${path.module}/trust.json")
}

resource "aws_iam_role_policy" "api_tables" {
  name = "orders-api-tables"
  role = aws_iam_role.api.id

  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
          "Resource": "*"
        }
      ]
    }
  EOT
}
