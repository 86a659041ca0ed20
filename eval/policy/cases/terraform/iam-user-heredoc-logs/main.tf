variable "region" {
  type    = string
  default = "us-east-1"
}

resource "aws_iam_user" "log_shipper" {
  name = "on-prem-log-shipper"
  path = "/service/"
}

resource "aws_iam_user_policy" "log_shipper" {
  name = "ship-logs"
  user = aws_iam_user.log_shipper.name

  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "logs:DescribeLogStreams"
      ],
      "Resource": "*"
    }
  ]
}
POLICY
}
