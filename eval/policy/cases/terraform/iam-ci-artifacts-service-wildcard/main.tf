data "aws_iam_policy_document" "runner_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "runner" {
  name               = "gitlab-runner-${var.environment}"
  assume_role_policy = data.aws_iam_policy_document.runner_assume.json
}

data "aws_iam_policy_document" "artifacts" {
  statement {
    sid     = "ArtifactBucket"
    actions = ["s3:*"]
    resources = [
      "arn:aws:s3:::${var.artifact_bucket}",
      "arn:aws:s3:::${var.artifact_bucket}/*",
    ]
  }

  statement {
    sid       = "PullImages"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "runner_artifacts" {
  name   = "artifacts"
  role   = aws_iam_role.runner.id
  policy = data.aws_iam_policy_document.artifacts.json
}
