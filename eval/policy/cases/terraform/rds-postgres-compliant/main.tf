resource "aws_kms_key" "orders_db" {
  description         = "orders database storage"
  enable_key_rotation = true
}

resource "aws_db_subnet_group" "orders" {
  name       = "orders-${var.environment}"
  subnet_ids = var.private_subnet_ids
}

resource "aws_db_parameter_group" "orders" {
  name   = "orders-pg16-${var.environment}"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_security_group" "orders_db" {
  name        = "orders-db-${var.environment}"
  description = "orders database"
  vpc_id      = var.vpc_id

  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [var.app_security_group_id]
  }
}

resource "aws_db_instance" "orders" {
  identifier                  = "orders-${var.environment}"
  engine                      = "postgres"
  engine_version              = "16.4"
  instance_class              = "db.r6g.large"
  allocated_storage           = 100
  max_allocated_storage       = 500
  storage_type                = "gp3"
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.orders_db.arn
  db_name                     = "orders"
  username                    = "orders_admin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.orders.name
  parameter_group_name        = aws_db_parameter_group.orders.name
  vpc_security_group_ids      = [aws_security_group.orders_db.id]
  publicly_accessible         = false
  multi_az                    = true
  backup_retention_period     = 14
  backup_window               = "02:00-03:00"
  deletion_protection         = true
  copy_tags_to_snapshot       = true
  performance_insights_enabled = true
}
