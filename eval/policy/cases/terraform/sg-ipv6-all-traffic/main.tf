variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "vpc_id" {
  type    = string
  default = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_security_group" "ingest" {
  name        = "ingest-nodes"
  description = "Log ingest nodes"
  vpc_id      = var.vpc_id
}

# IPv4 is limited to the VPC range...
resource "aws_vpc_security_group_ingress_rule" "ingest_v4" {
  security_group_id = aws_security_group.ingest.id
  cidr_ipv4         = "10.20.0.0/16"
  ip_protocol       = "tcp"
  from_port         = 5044
  to_port           = 5044
}

# ...but the IPv6 rule added for the dual-stack rollout admits everything.
resource "aws_vpc_security_group_ingress_rule" "ingest_v6" {
  security_group_id = aws_security_group.ingest.id
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_egress_rule" "ingest_all" {
  security_group_id = aws_security_group.ingest.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}
