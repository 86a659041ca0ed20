variable "region" {
  type    = string
  default = "us-east-1"
}

resource "aws_iam_group" "developers" {
  name = "developers"
}

# "Power user": everything except IAM and Organizations.
resource "aws_iam_group_policy" "developers_power_user" {
  name  = "power-user"
  group = aws_iam_group.developers.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        NotAction = ["iam:*", "organizations:*", "account:*"]
        Resource  = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["iam:GetRole", "iam:ListRoles", "iam:PassRole"]
        Resource = "arn:aws:iam::*:role/app-*"
      }
    ]
  })
}
