variable "region" {
  type    = string
  default = "us-east-1"
}

resource "aws_iam_policy" "break_glass" {
  name        = "break-glass-admin"
  description = "Emergency access for the on-call engineer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Everything"
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      }
    ]
  })
}

resource "aws_iam_group" "oncall" {
  name = "oncall"
}

resource "aws_iam_group_policy_attachment" "oncall_break_glass" {
  group      = aws_iam_group.oncall.name
  policy_arn = aws_iam_policy.break_glass.arn
}
