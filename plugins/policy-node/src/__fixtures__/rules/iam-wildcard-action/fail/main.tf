resource "aws_s3_bucket" "data" {
  bucket = "acme-etl-data"
}

data "aws_iam_policy_document" "etl" {
  statement {
    sid     = "DataBucket"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.data.arn,
      "${aws_s3_bucket.data.arn}/*",
    ]
  }
}

resource "aws_iam_policy" "etl" {
  name   = "etl-data-access"
  policy = data.aws_iam_policy_document.etl.json
}
