resource "aws_security_group" "build_agents" {
  name        = "build-agents-${var.environment}"
  description = "GitLab runners"
  vpc_id      = var.vpc_id
}

resource "aws_security_group_rule" "agents_ssh" {
  type              = "ingress"
  security_group_id = aws_security_group.build_agents.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = var.admin_cidrs
  description       = "Admin SSH"
}

resource "aws_security_group_rule" "agents_egress" {
  type              = "egress"
  security_group_id = aws_security_group.build_agents.id
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
}
