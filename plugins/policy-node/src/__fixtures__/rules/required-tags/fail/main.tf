provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      project = "checkout"
    }
  }
}

resource "aws_sqs_queue" "orders" {
  name = "orders"

  tags = {
    Owner = "team-checkout"
  }
}
