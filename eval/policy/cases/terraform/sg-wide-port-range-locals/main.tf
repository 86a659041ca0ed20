variable "region" {
  type    = string
  default = "ap-southeast-2"
}

locals {
  anywhere = "0.0.0.0/0"
  # "The game servers pick random ports."
  game_ports = { from = 0, to = 65535 }
}

resource "aws_security_group" "game_servers" {
  name        = "game-servers"
  description = "Dedicated game servers"
  vpc_id      = "vpc-0c0ffee0c0ffee000"

  ingress {
    from_port   = local.game_ports.from
    to_port     = local.game_ports.to
    protocol    = "tcp"
    cidr_blocks = [local.anywhere]
  }

  ingress {
    from_port   = 7777
    to_port     = 7780
    protocol    = "udp"
    cidr_blocks = [local.anywhere]
  }
}
