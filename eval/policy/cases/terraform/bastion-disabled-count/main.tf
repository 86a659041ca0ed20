# Off unless someone turns it on for an incident: nothing here exists in
# the default configuration.
resource "aws_security_group" "bastion" {
  count       = var.create_bastion ? 1 : 0
  name        = "incident-bastion"
  description = "Temporary SSH access"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "bastion" {
  count                  = var.create_bastion ? 1 : 0
  ami                    = "ami-0a9f8e7d6c5b4a392"
  instance_type          = "t3.nano"
  vpc_security_group_ids = [aws_security_group.bastion[0].id]
}
