data "aws_vpc" "main" {
  tags = {
    Name = var.vpc_name
  }
}

data "aws_prefix_list" "s3" {
  name = "com.amazonaws.${var.region}.s3"
}

# Internal services: the whole VPC may reach them, nothing else. The VPC's
# range is only known when Terraform reads it.
resource "aws_security_group" "internal" {
  name        = "internal-services-${var.environment}"
  description = "Reachable from inside the VPC only"
  vpc_id      = data.aws_vpc.main.id

  ingress {
    description = "All TCP from the VPC"
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = [data.aws_vpc.main.cidr_block]
  }

  egress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    prefix_list_ids = [data.aws_prefix_list.s3.id]
  }
}

resource "aws_vpc_security_group_ingress_rule" "internal_v6" {
  security_group_id = aws_security_group.internal.id
  cidr_ipv6         = data.aws_vpc.main.ipv6_cidr_block
  ip_protocol       = "-1"
}
