resource "aws_security_group" "analytics_db_proxy" {
  name        = "analytics-db-proxy-${var.environment}"
  description = "PgBouncer in front of the analytics warehouse"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = var.public_ports
    content {
      description = "public ${ingress.value}"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
