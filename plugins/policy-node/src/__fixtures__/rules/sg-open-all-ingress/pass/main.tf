resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

locals {
  public_ports = [80, 443]
}

resource "aws_security_group" "alb" {
  name   = "public-alb"
  vpc_id = aws_vpc.main.id

  dynamic "ingress" {
    for_each = local.public_ports
    content {
      from_port        = ingress.value
      to_port          = ingress.value
      protocol         = "tcp"
      cidr_blocks      = ["0.0.0.0/0"]
      ipv6_cidr_blocks = ["::/0"]
    }
  }

  ingress {
    description = "Everything from inside the VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  ingress {
    description = "Ping"
    from_port   = 8
    to_port     = 0
    protocol    = "icmp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
