variable "environment" {
  type    = string
  default = "staging"
}

provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Owner       = "team-checkout"
      Environment = var.environment
    }
  }
}

resource "aws_sqs_queue" "orders" {
  name = "orders"
}

resource "aws_security_group" "workers" {
  name = "workers"
  tags = {
    Name = "workers"
  }
}

# Not taggable: not judged.
resource "aws_security_group_rule" "workers_egress" {
  type              = "egress"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.workers.id
}
